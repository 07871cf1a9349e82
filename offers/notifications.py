"""The e-mails of the offer workflow, sent in the background once a transition commits."""

from django.urls import reverse

from directory.models import User
from directory.services import absolute_url
from portal.emails import send_templated_email


def _support_emails(structure_ids):
    return list(
        User.objects.filter(structure_id__in=structure_ids, is_active=True)
        .order_by("pk")
        .values_list("email", flat=True)
    )


def _offer_url(offer):
    return absolute_url(reverse("offers:detail", args=[offer.pk]))


def offer_created(offer):
    send_templated_email(
        "offers/emails/offer_created",
        {"offer": offer, "url": _offer_url(offer)},
        [offer.referent.email],
    )


def interest_declared(interest):
    offer = interest.offer
    send_templated_email(
        "offers/emails/interest_declared",
        {"offer": offer, "interest": interest, "url": _offer_url(offer)},
        [offer.referent.email],
    )


def interest_withdrawn(offer, structure):
    send_templated_email(
        "offers/emails/interest_withdrawn",
        {"offer": offer, "structure": structure, "url": _offer_url(offer)},
        [offer.referent.email],
    )


def duo_formed(duo):
    offer = duo.offer
    send_templated_email(
        "offers/emails/duo_formed_employer",
        {"offer": offer, "duo": duo, "url": _offer_url(offer)},
        [offer.referent.email],
    )
    other_structures = offer.interests.exclude(structure=duo.structure).values_list(
        "structure_id", flat=True
    )
    others = _support_emails(other_structures)
    if others:
        send_templated_email("offers/emails/offer_filled", {"offer": offer}, others)


def duo_cancelled(duo):
    """The employer and every interested SA: those told « pourvue » learn it is open again."""
    offer = duo.offer
    interested = offer.interests.values_list("structure_id", flat=True)
    send_templated_email(
        "offers/emails/duo_cancelled",
        {"offer": offer, "duo": duo, "url": _offer_url(offer)},
        [offer.referent.email, *_support_emails([duo.structure_id, *interested])],
    )


def offer_updated(offer):
    """The SAs that declared interest (the one holding the duo included) hear of changes."""
    recipients = _support_emails(offer.interests.values_list("structure_id", flat=True))
    if recipients:
        send_templated_email(
            "offers/emails/offer_updated",
            {"offer": offer, "url": _offer_url(offer)},
            recipients,
        )


def deletion_recipients(offer, deleted_by):
    """Who hears of a deletion: the other side of the offer."""
    if deleted_by is not None and deleted_by.pk == offer.structure_id:
        return _support_emails(offer.interests.values_list("structure_id", flat=True))
    return [offer.referent.email]


def offer_deleted(title, recipients):
    if recipients:
        send_templated_email("offers/emails/offer_deleted", {"title": title}, recipients)


def _bulk_summaries(template_prefix, offers, acting_user):
    """One e-mail to the referent who added `offers` at once, and one to each other
    referent named in them: never one e-mail per offer."""
    if not offers:
        return
    by_referent = {}
    for offer in offers:
        by_referent.setdefault(offer.referent_id, []).append(offer)
    context = {
        "user": acting_user,
        "count": len(offers),
        "edition": offers[0].edition,
        "url": absolute_url(reverse("offers:list")),
    }
    send_templated_email(template_prefix, context, [acting_user.email])
    for referent_offers in by_referent.values():
        referent = referent_offers[0].referent
        if referent.pk == acting_user.pk:
            continue
        send_templated_email(
            "offers/emails/offers_assigned",
            {
                **context,
                "referent": referent,
                "count": len(referent_offers),
                "titles": [offer.title for offer in referent_offers[:20]],
                "more": max(len(referent_offers) - 20, 0),
            },
            [referent.email],
        )


def offers_imported(offers, imported_by):
    _bulk_summaries("offers/emails/offers_imported", offers, imported_by)


def offers_reconducted(offers, reconducted_by):
    _bulk_summaries("offers/emails/offers_reconducted", offers, reconducted_by)
