import datetime

from django.db import migrations, models


def fill_weeks(apps, schema_editor):
    """The week (Monday to Sunday) around each existing edition's DuoDay date."""
    Edition = apps.get_model("offers", "Edition")
    for edition in Edition.objects.all():
        edition.week_start = edition.duoday_date - datetime.timedelta(
            days=edition.duoday_date.weekday()
        )
        edition.week_end = edition.week_start + datetime.timedelta(days=6)
        edition.save(update_fields=["week_start", "week_end"])


class Migration(migrations.Migration):
    dependencies = [("offers", "0002_offer_newest_first_index")]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="week_start",
            field=models.DateField(null=True, verbose_name="début de la semaine DuoDay (SEEPH)"),
        ),
        migrations.AddField(
            model_name="edition",
            name="week_end",
            field=models.DateField(null=True, verbose_name="fin de la semaine DuoDay (SEEPH)"),
        ),
        migrations.RunPython(fill_weeks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="edition",
            name="week_start",
            field=models.DateField(verbose_name="début de la semaine DuoDay (SEEPH)"),
        ),
        migrations.AlterField(
            model_name="edition",
            name="week_end",
            field=models.DateField(verbose_name="fin de la semaine DuoDay (SEEPH)"),
        ),
        migrations.AlterField(
            model_name="edition",
            name="duoday_date",
            field=models.DateField(
                help_text="La date proposée par défaut pour les offres.",
                verbose_name="date du DuoDay",
            ),
        ),
        migrations.AddConstraint(
            model_name="edition",
            constraint=models.CheckConstraint(
                condition=models.Q(("week_start__lte", models.F("duoday_date")))
                & models.Q(("duoday_date__lte", models.F("week_end"))),
                name="duoday_date_inside_the_week",
            ),
        ),
    ]
