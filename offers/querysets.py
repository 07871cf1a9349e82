"""Who may see which offer: one method per role, used by every view.

- employer referents: every offer of their structure, any status;
- support structure (SA) referents: the open offers (« Non concrétisée », « En cours ») of
  the current edition in the departments they serve, plus the offers whose duo they formed;
- visitors: the open offers of the current edition (public search);
- anyone else: nothing.
"""

from django.db import models
from django.db.models import Q

from offers.enums import OPEN_STATUSES


class OfferQuerySet(models.QuerySet):
    def current(self):
        return self.filter(edition__is_current=True)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_employer(self, structure):
        return self.filter(structure=structure)

    def for_support_structure(self, structure):
        open_in_departments = Q(
            edition__is_current=True,
            status__in=OPEN_STATUSES,
            department__in=structure.served_departments.all(),
        )
        # A subquery rather than a join: no DISTINCT over 100,000 offers.
        from offers.models import Duo

        formed_by_structure = Q(
            pk__in=Duo.objects.filter(structure=structure, cancelled_at__isnull=True).values(
                "offer_id"
            )
        )
        return self.filter(open_in_departments | formed_by_structure)

    def public(self):
        return self.current().open()

    def visible_to(self, user):
        structure = getattr(user, "structure", None) if user.is_authenticated else None
        if structure is None or not user.is_active:
            return self.none()
        if structure.is_employer:
            # Validated or not: an employer manages its offers from the start.
            return self.for_employer(structure)
        if not structure.is_validated:
            return self.none()
        return self.for_support_structure(structure)
