"""The word search of the offers, in one place (issue 10): the public search and the
« Offres » filters (offers/filters.py), the coordinators' admin listing
(offers/admin_listings.py).

- PostgreSQL: full-text search in French, accents ignored, each word also matching the
  words it begins (« boulang » finds « Boulangerie »), every word required. It uses the GIN
  indexes of migration offers/0007_text_search_indexes, whose expressions are written
  here exactly: a word costs about what no word does, even one that matches half the
  offers.
- SQLite (development, tests): `icontains` on the whole text, as before.
"""

import re
from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import BooleanField, F, Func, Q

TEXT_SEARCH_CONFIG = "public.french_unaccent"


class TextSearchMatch(Func):
    """`to_tsvector(config, a::text || ' ' || b::text …) @@ to_tsquery(config, query)`: the
    expression of the GIN index of migration offers/0007_text_search_indexes, with the
    columns of the query's own table alias (so that it works in a subquery too)."""

    output_field = BooleanField()

    def __init__(self, *fields, query):
        self.query = query
        super().__init__(*(F(field) for field in fields))

    def as_sql(self, compiler, connection, **extra_context):
        columns, params = [], []
        for expression in self.get_source_expressions():
            sql, column_params = compiler.compile(expression)
            columns.append(f"{sql}::text")
            params.extend(column_params)
        document = " || ' ' || ".join(columns)
        config = f"'{TEXT_SEARCH_CONFIG}'::regconfig"
        return (
            f"to_tsvector({config}, {document}) @@ to_tsquery({config}, %s)",
            (*params, self.query),
        )


TEXT_FIELDS = ("title", "description", "commune")


class OfferDocumentMatch(TextSearchMatch):
    """`offers_offer.search_document @@ to_tsquery(config, query)`: the stored column of
    migration offers/0007 (the vector of title, description and commune), indexed."""

    def __init__(self, query):
        super().__init__("pk", query=query)

    def as_sql(self, compiler, connection, **extra_context):
        primary_key, params = compiler.compile(self.get_source_expressions()[0])
        table = primary_key.rsplit(".", 1)[0]  # the query's alias of offers_offer
        config = f"'{TEXT_SEARCH_CONFIG}'::regconfig"
        return f"{table}.search_document @@ to_tsquery({config}, %s)", (*params, self.query)


def prefix_query(text):
    """`to_tsquery` input: each word of the text as a prefix, all required; None without
    any word (punctuation only). Only letters and digits go through: nothing a visitor
    types can change the query's syntax."""
    words = re.findall(r"\w+", text)
    return " & ".join(f"{word}:*" for word in words) or None


def _uses_full_text():
    return connection.vendor == "postgresql"


def search_offers(queryset, text):
    """The offers whose title, description or commune hold the text."""
    text = (text or "").strip()
    if not text:
        return queryset
    if not _uses_full_text():
        return queryset.filter(reduce(or_, (Q(**{f"{f}__icontains": text}) for f in TEXT_FIELDS)))
    query = prefix_query(text)
    if query is None:
        return queryset.none()
    return queryset.filter(OfferDocumentMatch(query))


def search_offers_or_structures(queryset, text):
    """The coordinators' search: the offers that hold each word of the text in their text
    (as `search_offers`) or in their structure's name."""
    from directory.models import Structure

    text = (text or "").strip()
    if not text:
        return queryset
    if not _uses_full_text():
        for word in text.split():
            queryset = queryset.filter(
                reduce(or_, (Q(**{f"{f}__icontains": word}) for f in TEXT_FIELDS))
                | Q(structure__name__icontains=word)
            )
        return queryset
    query = prefix_query(text)
    if query is None:
        return queryset.none()
    # The structures first (their own index), then one condition on the offers' table
    # that two indexes answer (text, structure_id): an OR across a join would read every
    # offer.
    structures = list(
        Structure.objects.filter(TextSearchMatch("name", query=query)).values_list("pk", flat=True)
    )
    return queryset.filter(Q(OfferDocumentMatch(query)) | Q(structure_id__in=structures))
