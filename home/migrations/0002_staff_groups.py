"""Wagtail's English default groups removed.

The staff groups « Éditeurs » and « Coordination » and their permissions are created (and
kept complete as models are added) by one mechanism only: `directory.roles.sync_staff_groups`,
run after every `migrate` (`directory/apps.py`). This migration created them too once; it
imports no live code any more, so that it runs the same whatever the code becomes.
"""

from django.db import migrations


def remove_wagtail_default_groups(apps, schema_editor):
    # Wagtail's own default groups would only confuse the coordinators.
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Moderators"]).delete()


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

    operations = [migrations.RunPython(remove_wagtail_default_groups, migrations.RunPython.noop)]
