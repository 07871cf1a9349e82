"""The labels of the coordinators' actions in Wagtail's history pages (services.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from directory import services


@hooks.register("register_log_actions")
def register_coordination_actions(actions):
    actions.register_action(
        services.REGISTRATION_REFUSED,
        _("Inscription refusée"),
        _("Inscription refusée par la coordination"),
    )
    actions.register_action(
        services.REFERENT_DEACTIVATED,
        _("Référent désactivé"),
        _("Référent désactivé par la coordination"),
    )
    actions.register_action(
        services.REFERENT_REACTIVATED,
        _("Référent réactivé"),
        _("Référent réactivé par la coordination"),
    )
    actions.register_action(
        services.ACCOUNT_ERASED,
        _("Compte effacé (RGPD)"),
        _("Compte effacé à la demande de la personne"),
    )
