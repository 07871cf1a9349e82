from django.db import models
from django.utils.translation import gettext_lazy as _


class StructureKind(models.TextChoices):
    EMPLOYER = "employer", _("Employeur")
    SUPPORT = "support", _("Structure accompagnante")


class StructureType(models.TextChoices):
    # Support structures (SA)
    ESAT = "esat", _("ESAT")
    IME = "ime", _("IME")
    CAP_EMPLOI = "cap_emploi", _("Cap Emploi")
    FRANCE_TRAVAIL = "france_travail", _("France Travail")
    MISSION_LOCALE = "mission_locale", _("Mission locale")
    ADAPTED_COMPANY = "entreprise_adaptee", _("Entreprise adaptée")
    OTHER_SUPPORT = "autre_sa", _("Autre structure accompagnante")
    # Employers
    PRIVATE_COMPANY = "entreprise_privee", _("Entreprise privée")
    PUBLIC_EMPLOYER = "employeur_public", _("Employeur public")
    ASSOCIATION = "association", _("Association")
    OTHER_EMPLOYER = "autre_employeur", _("Autre employeur")


class InvitationState(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    REVOKED = "revoked", _("Révoquée")
    EXPIRED = "expired", _("Expirée")


SUPPORT_TYPES = [
    StructureType.ESAT,
    StructureType.IME,
    StructureType.CAP_EMPLOI,
    StructureType.FRANCE_TRAVAIL,
    StructureType.MISSION_LOCALE,
    StructureType.ADAPTED_COMPANY,
    StructureType.OTHER_SUPPORT,
]
EMPLOYER_TYPES = [
    StructureType.PRIVATE_COMPANY,
    StructureType.PUBLIC_EMPLOYER,
    StructureType.ASSOCIATION,
    StructureType.OTHER_EMPLOYER,
]
TYPES_BY_KIND = {StructureKind.SUPPORT: SUPPORT_TYPES, StructureKind.EMPLOYER: EMPLOYER_TYPES}
