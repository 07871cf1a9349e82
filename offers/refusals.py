"""The offers' refusals, each French message written once (workflow, views, models)."""

from django.utils.translation import gettext_lazy as _

PAST_EDITION = _("Cette édition est passée : ses offres ne sont plus modifiables.")
EMPLOYER_ONLY = _("Seul l’employeur de l’offre peut faire cette action.")
VALIDATED_SUPPORT_ONLY = _("Seule une structure accompagnante validée peut faire cette action.")
OUT_OF_REACH = _("Cette offre n’est pas dans un département que vous couvrez.")
DUO_FORMED_BY_ANOTHER = _(
    "Une autre structure accompagnante vient de constituer le duo pour cette offre."
)
FILLED_BY_ANOTHER = _("Cette offre vient d’être pourvue par une autre structure.")
DUO_FORMER_ONLY = _("Seule la structure qui a constitué ce duo peut l’annuler.")
FILLED_OFFER_DELETION = _(
    "Cette offre est « Concrétisée » : seule la structure accompagnante peut la "
    "supprimer à partir de son intranet."
)
