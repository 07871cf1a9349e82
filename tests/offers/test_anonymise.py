"""`manage.py anonymise_duos`: persons' names are anonymised once three editions have taken
place since their duo (editions counted, not years); the SAs' messages to the employers are
erased once their edition has taken place."""

import io

import pytest
from django.core.management import call_command

from offers.management.commands.anonymise_duos import ANONYMOUS
from tests.factories import DuoFactory, EditionFactory, InterestFactory, OfferFactory

pytestmark = pytest.mark.django_db


def editions(*years):
    return {year: EditionFactory(year=year) for year in years}


def duo_in(edition, **fields):
    return DuoFactory(
        offer=OfferFactory(edition=edition), person_first_name="Léa", person_last_name="Durand"
    )


def names(duo):
    duo.refresh_from_db()
    return (duo.person_first_name, duo.person_last_name)


def anonymise_duos():
    output = io.StringIO()
    call_command("anonymise_duos", stdout=output)
    return output.getvalue()


def test_a_duo_followed_by_three_editions_that_took_place_is_anonymised():
    EditionFactory(current=True)
    by_year = editions(2021, 2022, 2023, 2024)
    old_duo = duo_in(by_year[2021])

    anonymise_duos()

    assert names(old_duo) == (ANONYMOUS, ANONYMOUS)


def test_the_duos_of_the_three_latest_editions_that_took_place_keep_their_names():
    EditionFactory(current=True)
    by_year = editions(2021, 2022, 2023, 2024)
    kept = [duo_in(by_year[year]) for year in (2022, 2023, 2024)]

    anonymise_duos()

    assert [names(duo) for duo in kept] == [("Léa", "Durand")] * 3


def test_a_year_without_an_edition_does_not_count_as_one():
    # No DuoDay in 2020: 2019 is still one of the three latest editions that took place.
    EditionFactory(current=True)
    by_year = editions(2018, 2019, 2021, 2022)
    duo_2018, duo_2019 = duo_in(by_year[2018]), duo_in(by_year[2019])

    anonymise_duos()

    assert names(duo_2018) == (ANONYMOUS, ANONYMOUS)
    assert names(duo_2019) == ("Léa", "Durand")


def test_the_current_edition_still_to_come_does_not_count_as_one_that_took_place():
    current = EditionFactory(current=True)
    by_year = editions(2022, 2023, 2024)
    duo_2022 = duo_in(by_year[2022])
    duo_in(current)

    anonymise_duos()

    assert names(duo_2022) == ("Léa", "Durand")


def test_anonymising_twice_changes_nothing_more():
    EditionFactory(current=True)
    by_year = editions(2021, 2022, 2023, 2024)
    duo_in(by_year[2021])

    assert "1 duo(s) anonymisé(s)." in anonymise_duos()
    assert "0 duo(s) anonymisé(s)." in anonymise_duos()


def test_the_message_to_the_employer_is_erased_once_the_edition_took_place():
    past_offer = OfferFactory(edition=EditionFactory(year=2024))
    interest = InterestFactory(offer=past_offer, message="Léa, qui a une surdité, viendra.")

    output = anonymise_duos()

    interest.refresh_from_db()
    assert interest.message == ""
    assert "1 message(s) effacé(s)." in output


def test_the_message_to_the_employer_stays_while_the_edition_is_to_come():
    interest = InterestFactory(message="Nous vous appelons demain.")

    anonymise_duos()

    interest.refresh_from_db()
    assert interest.message == "Nous vous appelons demain."
