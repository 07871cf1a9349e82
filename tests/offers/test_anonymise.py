"""Persons' names are anonymised once three editions have passed since their duo."""

import pytest
from django.core.management import call_command

from offers.management.commands.anonymise_duos import ANONYMOUS
from tests.factories import DuoFactory, EditionFactory, OfferFactory

pytestmark = pytest.mark.django_db


def duo_of_year(year, **fields):
    edition = EditionFactory(year=year)
    return DuoFactory(offer=OfferFactory(edition=edition), **fields)


def test_a_duo_three_editions_old_is_anonymised():
    current = EditionFactory(current=True)
    old_duo = duo_of_year(current.year - 3, person_first_name="Léa", person_last_name="Durand")

    call_command("anonymise_duos")

    old_duo.refresh_from_db()
    assert (old_duo.person_first_name, old_duo.person_last_name) == (ANONYMOUS, ANONYMOUS)


def test_a_duo_of_the_last_two_editions_keeps_its_names():
    current = EditionFactory(current=True)
    recent_duo = duo_of_year(current.year - 2, person_first_name="Léa", person_last_name="Durand")

    call_command("anonymise_duos")

    recent_duo.refresh_from_db()
    assert (recent_duo.person_first_name, recent_duo.person_last_name) == ("Léa", "Durand")
