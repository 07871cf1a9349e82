from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site public")

    def ready(self):
        from portal.admin_spreadsheets import guard_wagtail_exports

        guard_wagtail_exports()
        connect_page_cache_purges()


def connect_page_cache_purges():
    """What an editor changes on the public site forgets the visitors' cached pages
    (portal/page_cache.py)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_purge, dispatch_uid=f"page_cache_{id(signal)}")

    def purge_after_page_or_setting(sender, instance, created=False, **kwargs):
        if isinstance(instance, Page | Site):
            _purge()
        # A setting created on first use holds the defaults that the page already showed.
        elif isinstance(instance, BaseSiteSetting | BaseGenericSetting) and not created:
            _purge()

    post_delete.connect(
        purge_after_page_or_setting, weak=False, dispatch_uid="page_cache_page_deleted"
    )
    post_save.connect(
        purge_after_page_or_setting, weak=False, dispatch_uid="page_cache_setting_saved"
    )


def _purge(**kwargs):
    from portal.page_cache import purge

    purge()
