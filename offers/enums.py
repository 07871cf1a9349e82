from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferStatus(models.TextChoices):
    OPEN = "non_concretisee", _("Non concrétisée")
    IN_PROGRESS = "en_cours", _("En cours")
    FILLED = "concretisee", _("Concrétisée")

    @property
    def badge_class(self):
        """The DSFR badge of the status (the tag `status_badge` of
        offers/templatetags/offer_tags.py)."""
        return {
            OfferStatus.OPEN: "fr-badge--new",
            OfferStatus.IN_PROGRESS: "fr-badge--info",
            OfferStatus.FILLED: "fr-badge--success",
        }[self]


OPEN_STATUSES = [OfferStatus.OPEN, OfferStatus.IN_PROGRESS]


class EditionState(models.TextChoices):
    """An edition's state (`Edition.state`): current, else past once its week has ended,
    else upcoming."""

    CURRENT = "current", _("En cours")
    PAST = "past", _("Passée")
    UPCOMING = "upcoming", _("À venir")


class Modality(models.TextChoices):
    ON_SITE = "presentiel", _("Présentiel")
    REMOTE = "distanciel", _("Distanciel")


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("Agriculture, environnement, espaces verts")
    ADMINISTRATION = "administration", _("Administration, fonction publique")
    CRAFTS = "artisanat", _("Artisanat")
    BANKING = "banque", _("Banque, assurance, immobilier")
    CONSTRUCTION = "btp", _("Bâtiment, travaux publics")
    TRADE = "commerce", _("Commerce, vente, grande distribution")
    COMMUNICATION = "communication", _("Communication, médias, culture")
    EDUCATION = "education", _("Éducation, formation")
    HOTEL = "hotellerie", _("Hôtellerie, restauration, tourisme")
    INDUSTRY = "industrie", _("Industrie, production")
    IT = "informatique", _("Informatique, numérique, télécommunications")
    LOGISTICS = "logistique", _("Logistique, transport")
    HEALTH = "sante", _("Santé, social, services à la personne")
    SERVICES = "services", _("Services aux entreprises, support, gestion")
    OTHER = "autre", _("Autre")


class ReminderKind(models.TextChoices):
    OFFER_WITHOUT_DUO = "offer_without_duo", _("Offre « En cours » sans duo depuis 14 jours")
    OPEN_OFFERS_BEFORE_DUODAY = (
        "open_offers_before_duoday",
        _("Offres « Non concrétisée » trois semaines avant le DuoDay"),
    )
