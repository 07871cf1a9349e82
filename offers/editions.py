"""Editions as the coordination manages them: create, correct, make current.

Exactly one edition is current: the partial unique constraint `one_current_edition` has the
last word; these functions keep to it by locking every edition first (a handful of rows, one
a year), so that two coordinators acting at once are served one after the other. (Only the
very first edition has nothing to lock: two created at the same instant, the constraint
refuses the second.)
Refusals raise `EditionError` with a French message for the coordinator.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from directory.enums import StructureKind
from offers.models import Edition
from portal import page_cache

EDITABLE_FIELDS = [
    "year",
    "duoday_date",
    "week_start",
    "week_end",
    "registration_opens",
    "registration_closes",
]


class EditionError(Exception):
    """A refused change; its message is shown to the coordinator."""


def _lock_editions():
    return list(Edition.objects.select_for_update().order_by("pk"))


@transaction.atomic
def create_edition(edition):
    """Save a new edition; the first one created while none is current becomes current."""
    editions = _lock_editions()
    edition.is_current = not any(other.is_current for other in editions)
    edition.save()
    return edition


@transaction.atomic
def update_edition(edition):
    """Save the coordinator's corrections (never `is_current`) to an edition not yet past."""
    stored = Edition.objects.select_for_update().get(pk=edition.pk)
    if stored.is_past:
        raise EditionError(_("Cette édition est passée : elle n’est plus modifiable."))
    edition.save(update_fields=EDITABLE_FIELDS)
    edition.is_current = stored.is_current
    return edition


@transaction.atomic
def make_current(edition):
    """« Rendre courante »: `edition` becomes the current edition, in place of the other."""
    editions = _lock_editions()
    edition = next(other for other in editions if other.pk == edition.pk)
    if edition.is_past:
        raise EditionError(
            _("Cette édition est passée : elle ne peut plus devenir l’édition en cours.")
        )
    if edition.is_current:
        return edition
    # Unset first: the constraint forbids two current editions, even for an instant.
    Edition.objects.filter(is_current=True).update(is_current=False)
    Edition.objects.filter(pk=edition.pk).update(is_current=True)
    page_cache.purge()  # update() sends no post_save: the public search changes edition
    edition.is_current = True
    return edition


def employer_registration_gate(kind):
    """Employers register during the current edition's registration dates; support
    structures whenever they like (their side stays open until the week ends)."""
    if kind != StructureKind.EMPLOYER:
        return None
    edition = Edition.current()
    return edition.registration_closed_message(registering=True) if edition else None
