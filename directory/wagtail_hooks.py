"""The directory's listings in the coordinators' « DuoDay » menu (portal/admin.py), what
waits for the coordination on the admin home, and the labels of the coordinators' actions in
Wagtail's history pages (services.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from directory import services
from directory.admin_dashboard import WaitingForCoordinationPanel
from directory.admin_listings import (
    InvitationAdmin,
    ModificationRequestAdmin,
    ReferentAdmin,
    StructureAdmin,
)
from portal.admin import duoday_admin

duoday_admin.add(StructureAdmin, ReferentAdmin, InvitationAdmin, ModificationRequestAdmin)


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    """« À traiter », for those who see the « DuoDay » menu only (before the offers' panel:
    this app's hooks load first)."""
    if duoday_admin.is_shown_to(request.user):
        panels.append(WaitingForCoordinationPanel())


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
