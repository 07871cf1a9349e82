"""The coordinators' « DuoDay » menu and their dashboard panel on the admin home.

One menu for the whole operation: the directory's listings (directory/admin_listings.py)
then the offers' (offers/admin_listings.py). It is registered here, in the app that depends
on the other, so that it is registered once.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdminGroup

from directory.admin_dashboard import WaitingForCoordinationPanel
from directory.admin_listings import (
    InvitationAdmin,
    ModificationRequestAdmin,
    ReferentAdmin,
    StructureAdmin,
)
from offers.admin_dashboard import CurrentEditionPanel
from offers.admin_listings import DuoAdmin, EditionAdmin, InterestAdmin, OfferAdmin
from offers.models import Offer


class DuoDayAdminGroup(ModelAdminGroup):
    menu_label = "DuoDay"
    menu_icon = "group"
    menu_order = 200
    items = (
        StructureAdmin,
        ReferentAdmin,
        InvitationAdmin,
        ModificationRequestAdmin,
        EditionAdmin,
        OfferAdmin,
        InterestAdmin,
        DuoAdmin,
    )

    def is_shown_to(self, user):
        """Whether `user` sees the menu: may list one of its listings at least."""
        return any(
            model_admin.permission_helper.user_can_list(user)
            for model_admin in self.modeladmin_instances
        )


# As `modeladmin_register` does, keeping the instance for the dashboard panel below.
duoday_admin = DuoDayAdminGroup()
duoday_admin.register_with_wagtail()


@hooks.register("construct_homepage_panels")
def add_current_edition_panel(request, panels):
    """What waits for the coordination and the current edition's figures, for those who see
    the « DuoDay » menu only."""
    if duoday_admin.is_shown_to(request.user):
        panels.append(WaitingForCoordinationPanel())
        panels.append(CurrentEditionPanel())


@hooks.register("before_delete_user")
def keep_offer_referents(request, user):
    """An offer's referent is its contact for the SAs: the database refuses to lose it. Say
    so instead of failing, and point to deactivation, which hands the offers over."""
    if not Offer.objects.filter(referent=user).exists():
        return None
    messages.error(
        request,
        _(
            "« %(user)s » est le référent d’offres : un référent de sa structure peut le "
            "désactiver depuis « Mon compte », ses offres passent alors à un autre référent."
        )
        % {"user": user},
    )
    return redirect("wagtailusers_users:edit", user.pk)
