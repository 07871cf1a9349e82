"""The tabs of the personal space, in the guide's order, for each kind of user."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (label, URL name); later issues add « Mon compte », « Offres », « Annuaire des SA »,
# « Mes duos » and « Historique » in the guide's order.
TABS = [
    (_("Ressources Documentaires"), "documents:personal_resources"),
]


def tabs_for(user, current_path):
    tabs = []
    for label, url_name in TABS:
        url = reverse(url_name)
        tabs.append({"label": label, "url": url, "is_current": current_path.startswith(url)})
    return tabs


def home_url_for(user):
    """Where « Mon espace » leads: the first tab."""
    return reverse(TABS[0][1])
