"""The coordinators' dashboard panel of the current edition, on the Wagtail admin home.

Offers by status, the ten departments with the most offers, duos formed and structures
registered: five aggregate queries, however many offers and structures there are. Each
figure links to the listing it sums up, filtered by that listing's declared filters
(`duoday_admin.listing_url`, portal/admin.py).
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from directory.enums import StructureKind
from directory.models import Structure
from offers.enums import OfferStatus
from offers.models import Duo, Edition, Offer
from portal.admin import duoday_admin

TOP_DEPARTMENTS = 10


def offers_by_status(edition):
    """[(status, number of offers, listing URL)] in the order of the workflow."""
    counts = Offer.objects.filter(edition=edition).aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in OfferStatus}
    )
    return [
        (
            status,
            counts[status.value],
            duoday_admin.listing_url(Offer, edition=edition.pk, status=status.value),
        )
        for status in OfferStatus
    ]


def top_departments(edition):
    """The departments with the most offers, most first: [(department, count, URL)]."""
    rows = (
        Offer.objects.filter(edition=edition)
        .values("department__pk", "department__code", "department__name")
        .annotate(offer_count=Count("pk"))
        .order_by("-offer_count", "department__code")[:TOP_DEPARTMENTS]
    )
    return [
        (
            f"{row['department__code']} – {row['department__name']}",
            row["offer_count"],
            duoday_admin.listing_url(Offer, edition=edition.pk, department=row["department__pk"]),
        )
        for row in rows
    ]


def active_duo_count(edition):
    return Duo.objects.active().filter(offer__edition=edition).count()


def registered_structures():
    """[(key, label, count, listing URL)]: employers, validated and pending SA."""
    counts = Structure.objects.aggregate(
        employers=Count("pk", filter=Q(kind=StructureKind.EMPLOYER)),
        support_validated=Count(
            "pk", filter=Q(kind=StructureKind.SUPPORT, validated_at__isnull=False)
        ),
        support_pending=Count(
            "pk", filter=Q(kind=StructureKind.SUPPORT, validated_at__isnull=True)
        ),
    )
    rows = [
        ("employers", _("Employeurs"), {"kind": StructureKind.EMPLOYER}),
        (
            "support_validated",
            _("Structures accompagnantes validées"),
            {"kind": StructureKind.SUPPORT, "validation": "validated"},
        ),
        (
            "support_pending",
            _("Structures accompagnantes en attente de validation"),
            {"kind": StructureKind.SUPPORT, "validation": "pending"},
        ),
    ]
    return [
        (key, label, counts[key], duoday_admin.listing_url(Structure, **filters))
        for key, label, filters in rows
    ]


class CurrentEditionPanel(Component):
    """Shown to coordinators only: see `add_current_edition_panel` in wagtail_hooks.py."""

    name = "duoday_current_edition"
    template_name = "offers/admin/current_edition_panel.html"
    order = 50

    def get_context_data(self, parent_context=None):
        edition = Edition.current()
        context = {
            "edition": edition,
            "structures": registered_structures(),
            "editions_url": duoday_admin.listing_url(Edition),
        }
        if edition is not None:
            statuses = offers_by_status(edition)
            context.update(
                offers_by_status=statuses,
                offer_count=sum(count for _status, count, _url in statuses),
                top_departments=top_departments(edition),
                active_duo_count=active_duo_count(edition),
                active_duos_url=duoday_admin.listing_url(
                    Duo, offer__edition=edition.pk, state="active"
                ),
            )
        return context
