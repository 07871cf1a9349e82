"""Invitation links: keep only a hash of the token, never the token itself.

The pending invitations sent before keep working until they expire: their raw token is
replaced by its SHA-256 and their nonce left blank (such links cannot be rebuilt, only
matched). New invitations get a random nonce from which the e-mail task rebuilds the
token with SECRET_KEY.
"""

import hashlib

from django.db import migrations, models

import directory.models


def hash_raw_tokens(apps, schema_editor):
    Invitation = apps.get_model("directory", "Invitation")
    for invitation in Invitation.objects.only("pk", "token").iterator():
        # Frozen here: the SHA-256 in hex of the token, as directory.models computes it.
        token_hash = hashlib.sha256(invitation.token.encode()).hexdigest()
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0003_structures"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="token_nonce",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="invitation",
            name="token_nonce",
            field=models.CharField(
                default=directory.models.new_token_nonce, editable=False, max_length=64
            ),
        ),
        migrations.AddField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(hash_raw_tokens, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="invitation",
            name="token",
        ),
        migrations.AlterField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
