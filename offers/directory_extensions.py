"""The offers' part in the directory's rules (directory/extensions.py), plugged in by
offers/apps.py: the directory imports nothing from `offers`."""

from offers.models import Offer


def offer_department_ids(employer):
    """The departments of the employer's offers: one row per department, not per offer (a
    national employer has hundreds of offers)."""
    return (
        Offer.objects.filter(structure=employer)
        .order_by()
        .values_list("department_id", flat=True)
        .distinct()
    )


def hand_over_offers(sender, structure, referent, successor, **kwargs):
    """A deactivated referent's offers pass to the successor: SAs never see a dead contact."""
    Offer.objects.filter(structure=structure, referent=referent).update(referent=successor)
