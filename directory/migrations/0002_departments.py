from django.db import migrations

from directory.departments import DEPARTMENTS


def load_departments(apps, schema_editor):
    Department = apps.get_model("directory", "Department")
    for code, name, region in DEPARTMENTS:
        Department.objects.update_or_create(code=code, defaults={"name": name, "region": region})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load_departments, migrations.RunPython.noop)]
