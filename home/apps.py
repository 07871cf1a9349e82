from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site public")

    def ready(self):
        from portal.admin_spreadsheets import guard_wagtail_exports

        guard_wagtail_exports()
