"""« Historique »: the duos of past editions, for the employer and for the SA that formed
them; never the current edition's, never another structure's."""

import pytest
from django.urls import reverse

from tests.factories import DuoFactory, OfferFactory, ReferentFactory, StructureFactory
from tests.html_text import text_of

pytestmark = pytest.mark.django_db

HISTORY_URL = reverse("offers:history")


@pytest.fixture
def past_duo(employer, support_referent, past_edition):
    offer = OfferFactory(
        structure=employer.structure,
        referent=employer,
        edition=past_edition,
        title="Boulanger d'un jour",
    )
    return DuoFactory(
        offer=offer,
        structure=support_referent.structure,
        person_first_name="Léa",
        person_last_name="Durand",
    )


def history_of(client, user):
    client.force_login(user)
    return text_of(client.get(HISTORY_URL))


def test_employer_history_shows_the_past_duo_with_the_sa_and_the_person(client, employer, past_duo):
    page = history_of(client, employer)

    assert "Boulanger d'un jour" in page
    assert "ESAT Les Ateliers" in page
    assert "Léa Durand" in page


def test_history_groups_the_duos_by_edition(client, employer, past_duo):
    assert f"DuoDay {past_duo.offer.edition.year}" in history_of(client, employer)


def test_sa_history_shows_the_past_duo_with_the_employer_and_the_person(
    client, support_referent, past_duo
):
    page = history_of(client, support_referent)

    assert "Boulanger d'un jour" in page
    assert "Boulangerie Dupain" in page
    assert "Léa Durand" in page


def test_history_does_not_show_current_edition_duos(client, employer, offer):
    DuoFactory(offer=offer, person_first_name="Noé", person_last_name="Lefebvre")

    page = history_of(client, employer)

    assert "Noé Lefebvre" not in page
    assert "Aucun duo dans les éditions passées." in page


def test_history_does_not_show_cancelled_duos(client, employer, past_duo):
    past_duo.cancelled_at = past_duo.created_at
    past_duo.save()

    assert "Léa Durand" not in history_of(client, employer)


def test_employer_history_does_not_show_another_employers_duos(client, past_duo):
    other_employer = ReferentFactory(structure=StructureFactory())

    assert "Léa Durand" not in history_of(client, other_employer)


def test_sa_history_does_not_show_another_sas_duos(client, past_duo, other_support_referent):
    assert "Léa Durand" not in history_of(client, other_support_referent)
