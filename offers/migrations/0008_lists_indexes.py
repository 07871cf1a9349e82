"""Indexes of the personal lists at national scale (issue 10, measured on bench/'s data):

- `offer_open_in_reach` (edition, status, department, modality) replaces (edition, status,
  department): the SA's « Offres » and its count read the open offers of the edition in
  its departments or remote from the index alone (131 → 19 ms for 25,000 of 100,000);
- `offer_employer_newest` (structure, edition, -created_at) replaces (structure, edition):
  the employer's « Offres » of an edition, newest first;
- `offer_employer_departments` (structure, department): the department choices of the
  employer's filters and of the « Annuaire des SA » (100 → 2 ms).

Index-only scans need the table's visibility map: run `VACUUM ANALYZE offers_offer` after
a migration that rewrote the table (README, « Running at scale »). ANALYZE runs here.
"""

from django.db import migrations, models


def analyze(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ANALYZE offers_offer")


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0007_text_search_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="offer",
            name="offers_offe_edition_bb3436_idx",
        ),
        migrations.RemoveIndex(
            model_name="offer",
            name="offers_offe_structu_56fda1_idx",
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(
                fields=["edition", "status", "department", "modality"], name="offer_open_in_reach"
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(
                fields=["structure", "edition", "-created_at"], name="offer_employer_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="offer",
            index=models.Index(fields=["structure", "department"], name="offer_employer_departments"),
        ),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
