from django.contrib.auth.management import create_permissions
from django.db import migrations

from directory.roles import sync_staff_groups


def create_staff_groups(apps, schema_editor):
    # Permissions are normally created after migrate; create them now for the groups.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_staff_groups(apps)
    # Wagtail's own default groups would only confuse the coordinators.
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Moderators"]).delete()


def remove_staff_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Éditeurs", "Coordination"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("directory", "0002_departments"),
        ("documents", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [migrations.RunPython(create_staff_groups, remove_staff_groups)]
