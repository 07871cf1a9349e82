"""When the last e-mail confirmation link left: a resent link restarts the delay before
an unconfirmed registration is purged. Registrations waiting for confirmation count from
the day they registered."""

from django.db import migrations, models
from django.db.models import F


def registrations_sent_on_joining(apps, schema_editor):
    User = apps.get_model("directory", "User")
    User.objects.filter(email_confirmed_at__isnull=True, structure__isnull=False).update(
        confirmation_sent_at=F("date_joined")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0004_invitation_token_hash"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="confirmation_sent_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="lien de confirmation envoyé le",
            ),
        ),
        migrations.RunPython(registrations_sent_on_joining, migrations.RunPython.noop),
    ]
