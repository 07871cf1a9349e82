"""The tabs of the personal space, in the guide's order, for each kind of user."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ACCOUNT = (_("Mon compte"), "directory:account")
SUPPORT_DIRECTORY = (_("Annuaire des SA"), "directory:support_directory")
RESOURCES = (_("Ressources Documentaires"), "documents:personal_resources")
OFFERS = (_("Offres"), "offers:list")
MY_DUOS = (_("Mes duos"), "offers:my_duos")
HISTORY = (_("Historique"), "offers:history")

EMPLOYER_TABS = [ACCOUNT, OFFERS, SUPPORT_DIRECTORY, HISTORY, RESOURCES]
SUPPORT_TABS = [ACCOUNT, OFFERS, MY_DUOS, HISTORY, RESOURCES]
STAFF_TABS = [RESOURCES]


def tab_definitions(user):
    structure = getattr(user, "structure", None)
    if structure is None:
        return STAFF_TABS
    return EMPLOYER_TABS if structure.is_employer else SUPPORT_TABS


def tabs_for(user, current_path):
    tabs = []
    for label, url_name in tab_definitions(user):
        url = reverse(url_name)
        tabs.append({"label": label, "url": url, "is_current": current_path.startswith(url)})
    return tabs


def home_url_for(user):
    """Where « Mon espace » and the login lead: the first tab, or the admin for staff."""
    if getattr(user, "structure", None) is None and user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    return reverse(tab_definitions(user)[0][1])
