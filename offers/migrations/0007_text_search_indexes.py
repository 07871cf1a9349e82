"""Full-text search indexes on PostgreSQL (issue 10), used by offers/search.py: the public
search, the SA's « Offres » and the admin offers listing. A French text search
configuration that ignores accents (`public.french_unaccent`: the `unaccent` extension,
then the French stemmer); the offers' text as a stored generated column `search_document`
(PostgreSQL only; the model does not declare it, Django never reads nor writes it) with
its GIN index; a GIN index on the structures' name, on the very expression that
offers/search.py writes. Then ANALYZE, so that the planner knows how many rows a word matches.

SQLite (development and tests) keeps `icontains`: nothing runs there. `CREATE EXTENSION
unaccent` needs a superuser or, on PostgreSQL 13+, the database's owner (a trusted
extension); see the README, « Running at scale ».
"""

from django.db import migrations

CONFIG = "public.french_unaccent"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    execute(
        "DO $$ BEGIN "
        f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.french); "
        "EXCEPTION WHEN unique_violation THEN NULL; END $$"
    )
    execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word "
        "WITH unaccent, french_stem"
    )
    # A stored column rather than an index on the expression: a query that filters the
    # rows of another index (a department's offers) reads the column instead of computing
    # each row's vector again.
    execute(
        "ALTER TABLE offers_offer ADD COLUMN IF NOT EXISTS search_document tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, "
        "title::text || ' ' || description::text || ' ' || commune::text)) STORED"
    )
    execute(
        "CREATE INDEX IF NOT EXISTS offer_text_search ON offers_offer USING gin (search_document)"
    )
    execute(
        "CREATE INDEX IF NOT EXISTS structure_name_search ON directory_structure USING gin "
        f"(to_tsvector('{CONFIG}'::regconfig, name::text))"
    )
    execute("ANALYZE offers_offer")
    execute("ANALYZE directory_structure")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS offer_text_search")
    schema_editor.execute("ALTER TABLE offers_offer DROP COLUMN IF EXISTS search_document")
    schema_editor.execute("DROP INDEX IF EXISTS structure_name_search")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("offers", "0006_printable_names"),
        ("directory", "0006_printable_names"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
