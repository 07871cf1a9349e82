"""The offers' listings in the coordinators' « DuoDay » menu (portal/admin.py; the
directory's are added by directory/wagtail_hooks.py, loaded first) and the current edition's
dashboard panel on the admin home.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from offers import workflow
from offers.admin_dashboard import CurrentEditionPanel
from offers.admin_listings import DuoAdmin, EditionAdmin, InterestAdmin, OfferAdmin
from offers.models import Offer
from portal.admin import duoday_admin

duoday_admin.add(EditionAdmin, OfferAdmin, InterestAdmin, DuoAdmin)


@hooks.register("construct_homepage_panels")
def add_current_edition_panel(request, panels):
    """What waits for the coordination and the current edition's figures, for those who see
    the « DuoDay » menu only."""
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


class CoordinationLogFormatter(LogFormatter):
    """A coordinator's action in an object's history: what was done, then the reason typed
    (in the message itself: the listings' history shows messages only)."""

    def describe(self, log_entry):
        raise NotImplementedError

    def format_message(self, log_entry):
        return _("%(action)s. Motif : %(reason)s") % {
            "action": self.describe(log_entry),
            "reason": log_entry.data.get("reason", ""),
        }

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


class DuoCancelledByCoordination(CoordinationLogFormatter):
    label = gettext_lazy("Duo annulé par la coordination")

    def describe(self, log_entry):
        return _("Duo annulé par la coordination")


class OfferDeletedByCoordination(CoordinationLogFormatter):
    label = gettext_lazy("Offre « Concrétisée » supprimée par la coordination")

    def describe(self, log_entry):
        return _("Offre « %(offer)s » (%(edition)s) supprimée par la coordination") % {
            "offer": log_entry.data.get("offer", ""),
            "edition": log_entry.data.get("edition", ""),
        }


@hooks.register("register_log_actions")
def register_coordination_log_actions(actions):
    actions.register_action(workflow.DUO_CANCELLED_BY_COORDINATION)(DuoCancelledByCoordination)
    actions.register_action(workflow.OFFER_DELETED_BY_COORDINATION)(OfferDeletedByCoordination)
