"""The directory's refusals, each French message written once (views, forms, services)."""

from django.utils.translation import gettext_lazy as _

from directory.enums import InvitationState

INVITATION_UNKNOWN = _("Cette invitation n’existe pas.")
# Why an invitation's link no longer opens it, by the invitation's state.
INVITATION_UNUSABLE = {
    InvitationState.ACCEPTED: _(
        "Cette invitation a déjà été utilisée : connectez-vous avec votre e-mail."
    ),
    InvitationState.REVOKED: _(
        "Cette invitation a été révoquée. Demandez-en une nouvelle à un référent."
    ),
    InvitationState.EXPIRED: _(
        "Cette invitation a expiré. Demandez-en une nouvelle à un référent."
    ),
}
INVITATION_NO_LONGER_VALID = _("Cette invitation n’est plus valable.")
INVALID_CONFIRMATION_LINK = _("Ce lien de confirmation n’est pas valide.")
SIRET_FORMAT = _("Le SIRET doit comporter exactement 14 chiffres.")
REFERENT_ALREADY_DEACTIVATED = _("Ce référent est déjà désactivé.")
LAST_ACTIVE_REFERENT = _("Impossible de désactiver le dernier référent actif de la structure.")
