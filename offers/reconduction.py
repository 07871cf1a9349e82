"""« Reconduire mes offres » and « Dupliquer cette offre »: a new offer from an old one.

A copy keeps the offer's texts and place, takes the current edition's DuoDay date and
keeps its referent while they are still an active referent of the structure (else the
referent who copies). Each copy goes through `OfferForm` (as `imports.OfferValidator`
checks an imported row), so that a rule added since the old offer was written applies to
its copy too.
"""

from dataclasses import dataclass

from directory.models import User
from offers.forms import OfferForm
from offers.imports import OfferValidator
from offers.models import Offer

# The add-offer form's fields, but those a copy sets itself (`copy_values`) and the department,
# deduced again from the postcode.
COPIED_FIELDS = [
    name for name in OfferForm.Meta.fields if name not in ("department", "date", "referent")
]


@dataclass
class Copy:
    """A past offer and its unsaved copy, or the errors that keep it from being copied."""

    source: Offer
    offer: Offer | None
    errors: list  # [(field label or None, message)]


def copy_values(source, edition, user, active_referent_ids):
    """The add-offer form's values for a copy of `source` in `edition`."""
    values = {name: getattr(source, name) for name in COPIED_FIELDS}
    values["date"] = source.date if source.edition_id == edition.pk else edition.duoday_date
    values["referent"] = (
        source.referent_id if source.referent_id in active_referent_ids else user.pk
    )
    return values


def active_referent_ids(structure):
    return set(
        User.objects.filter(structure=structure, is_active=True).values_list("pk", flat=True)
    )


def copies_of(sources, edition, user):
    """A `Copy` of each of `sources` (the user's structure's offers) into `edition`."""
    structure = user.structure
    validator = OfferValidator(structure, edition)
    referent_ids = set(validator.choices["referent"])
    copies = []
    for source in sources:
        values = copy_values(source, edition, user, referent_ids)
        values["date"] = values["date"].isoformat()
        form = validator.validated(
            values, Offer(structure=structure, edition=edition, copied_from=source)
        )
        if form.is_valid():
            copies.append(Copy(source, form.instance, []))
        else:
            errors = [
                (form.fields[name].label if name in form.fields else None, " ".join(messages))
                for name, messages in form.errors.items()
            ]
            copies.append(Copy(source, None, errors))
    return copies
