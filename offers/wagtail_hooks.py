"""The offers' listings in the coordinators' « DuoDay » menu (portal/admin.py; the
directory's are added by directory/wagtail_hooks.py, loaded first) and the current edition's
dashboard panel on the admin home.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from offers.admin_dashboard import CurrentEditionPanel
from offers.admin_listings import DuoAdmin, EditionAdmin, InterestAdmin, OfferAdmin
from offers.models import Offer
from portal.admin import duoday_admin

duoday_admin.add(EditionAdmin, OfferAdmin, InterestAdmin, DuoAdmin)


@hooks.register("construct_homepage_panels")
def add_current_edition_panel(request, panels):
    """The current edition's figures, for those who see the « DuoDay » menu only."""
    if duoday_admin.is_shown_to(request.user):
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
