"""Who may see which offer: one method per role, used by every view.

- employer referents: every offer of their structure, any status;
- support structure (SA) referents: the open offers (« Non concrétisée », « En cours ») of
  the current edition within their reach (in the departments they serve, or remote
  wherever they are), plus the offers whose duo they formed;
- visitors: the open offers of the current edition (public search);
- anyone else: nothing.

`Duo.objects.party_to(user)` says the same for duos: an active duo belongs to its two
parties, the offer's employer and the SA that formed it (the attestation, the exports).
"""

from django.db import models
from django.db.models import Q

from directory.perms import acting_structure
from offers.enums import OPEN_STATUSES, Modality, OfferStatus


class OfferQuerySet(models.QuerySet):
    def current(self):
        return self.filter(edition__is_current=True)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def filled(self):
        return self.filter(status=OfferStatus.FILLED)

    def for_employer(self, structure):
        return self.filter(structure=structure)

    def within_reach_of(self, structure):
        """The offers a support structure may answer, whatever their status: those in the
        departments it serves, and remote (« Distanciel ») ones anywhere, since a person can
        take part from home. The workflow checks an SA's answer against this rule too."""
        return self.filter(_within_reach_of(structure))

    def for_support_structure(self, structure):
        open_in_reach = Q(edition__is_current=True, status__in=OPEN_STATUSES) & _within_reach_of(
            structure
        )
        # A subquery rather than a join: no DISTINCT over 100,000 offers.
        from offers.models import Duo

        formed_by_structure = Q(
            pk__in=Duo.objects.active().filter(structure=structure).values("offer_id")
        )
        return self.filter(open_in_reach | formed_by_structure)

    def public(self):
        """The open offers of the current edition: the public search, and the SA's
        « Offres » list (within its reach, `visible_to`)."""
        return self.current().open()

    def answerable_by(self, user):
        """The SA's « Offres »: what `visible_to(user)` shows of `public()` (the open
        offers of the current edition within its reach; the offers whose duo it formed are
        « Concrétisée », under « Mes duos »). Written without `visible_to`'s duos
        subquery, whose OR would make PostgreSQL read every offer of the edition: this
        way the index `offer_open_in_reach` answers the list and its count alone."""
        structure = acting_structure(user)
        if structure is None or not structure.is_support or not structure.is_validated:
            return self.none()
        return self.public().within_reach_of(structure)

    def filled_within_reach_of(self, structure):
        """The current edition's « Concrétisée » offers within the SA's reach: those another
        SA has just filled, under the SA's eyes."""
        return self.current().within_reach_of(structure).filled()

    def visible_to(self, user):
        structure = acting_structure(user)
        if structure is None:
            return self.none()
        if structure.is_employer:
            # Validated or not: an employer manages its offers from the start.
            return self.for_employer(structure)
        if not structure.is_validated:
            return self.none()
        return self.for_support_structure(structure)


def _within_reach_of(structure):
    return Q(department__in=structure.served_departments.all()) | Q(modality=Modality.REMOTE)


class DuoQuerySet(models.QuerySet):
    def active(self):
        """What counts as an active duo: one not cancelled (the database allows one per
        offer, `one_duo_per_offer`)."""
        return self.filter(cancelled_at__isnull=True)

    def cancelled(self):
        return self.filter(cancelled_at__isnull=False)

    def party_to(self, user):
        """The active duos whose two parties include the user's structure: the employer
        of the offer, or the SA that formed the duo. Nothing for anyone else, a cancelled
        duo for no one."""
        structure = acting_structure(user)
        if structure is None:
            return self.none()
        if structure.is_employer:
            return self.active().filter(offer__structure=structure)
        return self.active().filter(structure=structure)
