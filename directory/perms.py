"""Who may edit or act on a structure: the one place for these rules.

Referents (the personal space):
- `acting_structure(user)`: the structure an active referent acts for (an employer,
  validated or not, manages its offers from the start; an SA once validated), else None;
- `may_use_personal_space(structure)`: an SA waiting for the coordination's validation gets
  the pending page instead;
- `is_employer(structure)`, `is_validated_support(structure)`: who may act on the employer's
  side, on the SA's side (the offers' workflow checks them for every transition);
- `may_deactivate_referents(active_referents)`: a structure always keeps one active referent;
- `directory_is_open(employer)`: the « Annuaire des SA » opens once the employer is
  validated.

Coordinators (the admin's « DuoDay » menu), from the model permissions that « Coordination »
holds and the « Éditeurs » do not:
- `may_validate_structure(user)`, `may_process_modification_request(user)`.

Refusals' messages: directory/refusals.py. Who sees which offer: `Offer.objects.visible_to`
(offers/querysets.py), which asks `acting_structure`.
"""


def acting_structure(user):
    """The structure an active referent acts for: an employer validated or not (it manages
    its offers from the start), a support structure once validated; None for anyone else."""
    structure = getattr(user, "structure", None) if user.is_authenticated else None
    if structure is None or not user.is_active:
        return None
    if not may_use_personal_space(structure):
        return None
    return structure


def may_use_personal_space(structure):
    """An employer uses its personal space at once (but its « Annuaire des SA »); an SA once
    the coordination has validated it."""
    return not (structure.is_support and not structure.is_validated)


def is_employer(structure):
    return structure is not None and structure.is_employer


def is_validated_support(structure):
    return structure is not None and structure.is_support and structure.is_validated


def may_deactivate_referents(active_referents):
    """Never the last active referent: a structure always keeps one to act for it."""
    return active_referents > 1


def directory_is_open(employer):
    """The « Annuaire des SA » opens once the coordination has validated the employer: an
    account registered with any valid SIRET must not harvest the SA referents' contacts by
    publishing throw-away offers in every department."""
    return employer.is_employer and employer.is_validated


def may_validate_structure(user):
    return user.has_perm("directory.change_structure")


def may_refuse_registration(user):
    """Refuse an SA's registration (the « DuoDay » admin): whoever may validate it."""
    return may_validate_structure(user)


def may_manage_referents(user):
    """Deactivate, reactivate or erase a referent's account (the « DuoDay » admin): the
    coordination, which may change their structures; accounts themselves stay administered
    by superusers."""
    return user.is_active and user.has_perm("directory.change_structure")


def may_process_modification_request(user):
    return user.has_perm("directory.change_modificationrequest")
