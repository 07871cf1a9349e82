"""« À traiter » on the admin home: what waits for the coordinators, each count a link to
the listing filtered accordingly (two aggregate queries). Registered by
offers/wagtail_hooks.py, for those who see the « DuoDay » menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from directory import admin_urls, services


def waiting_for_coordination():
    """[(key, label, count, listing URL)]."""
    return [
        (
            "support_to_validate",
            _("Structures accompagnantes à valider"),
            services.support_structures_awaiting_validation().count(),
            admin_urls.support_structures_awaiting_validation_url(),
        ),
        (
            "modification_requests",
            _("Modifications demandées, à traiter"),
            services.pending_modification_requests().count(),
            admin_urls.pending_modification_requests_url(),
        ),
    ]


class WaitingForCoordinationPanel(Component):
    name = "duoday_waiting"
    template_name = "directory/admin/waiting_panel.html"
    order = 40

    def get_context_data(self, parent_context=None):
        return {"rows": waiting_for_coordination()}
