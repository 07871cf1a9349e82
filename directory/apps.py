from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_staff_groups_after_migrate(sender, **kwargs):
    """Give « Coordination » the permissions of models added by later migrations.

    Runs once per migrate, after the last app, when every permission exists.
    """
    if sender.label != list(apps.get_app_configs())[-1].label:
        return
    from directory.roles import sync_staff_groups

    sync_staff_groups(apps)


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Annuaire")

    def ready(self):
        post_migrate.connect(sync_staff_groups_after_migrate, dispatch_uid="sync_staff_groups")
