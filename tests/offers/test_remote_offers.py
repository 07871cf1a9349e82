"""Remote offers (« Distanciel »): a person can take part from anywhere, so every validated SA
sees and answers them, whatever the departments it serves (SPEC §4); on-site offers stay
within the departments an SA serves."""

import pytest
from django.urls import reverse

from offers import workflow
from offers.enums import Modality, OfferStatus
from offers.models import Duo, Interest, Offer
from tests.factories import DuoFactory, OfferFactory, ReferentFactory, StructureFactory
from tests.html_text import text_of
from tests.offers.helpers import listed_titles, offer_url

pytestmark = pytest.mark.django_db

LIST_URL = reverse("offers:list")


@pytest.fixture
def marseille_sa(current_edition):
    """The referent of « Cap Emploi 13 », a validated SA serving the Bouches-du-Rhône only."""
    structure = StructureFactory(
        support=True,
        validated=True,
        name="Cap Emploi 13",
        postcode="13001",
        commune="Marseille",
        served_departments=["13"],
    )
    return ReferentFactory(structure=structure, email="referente@capemploi13.fr")


@pytest.fixture
def remote_parisian_offer(employer):
    return OfferFactory(
        structure=employer.structure,
        referent=employer,
        title="Assistant·e de communication à distance",
        postcode="75011",
        commune="Paris",
        modality=Modality.REMOTE,
    )


@pytest.fixture
def onsite_parisian_offer(employer):
    return OfferFactory(
        structure=employer.structure,
        referent=employer,
        title="Vendeur·se à Paris",
        postcode="75011",
        commune="Paris",
    )


# Who sees a remote offer


def test_sa_of_another_department_lists_a_remote_offer(client, marseille_sa, remote_parisian_offer):
    client.force_login(marseille_sa)

    assert listed_titles(client.get(LIST_URL)) == ["Assistant·e de communication à distance"]


def test_sa_of_another_department_does_not_list_an_onsite_offer(
    client, marseille_sa, onsite_parisian_offer
):
    client.force_login(marseille_sa)

    assert listed_titles(client.get(LIST_URL)) == []


@pytest.mark.parametrize("page", ["detail", "declare_interest", "form_duo"])
def test_sa_of_another_department_opens_a_remote_offers_pages(
    client, marseille_sa, remote_parisian_offer, page
):
    client.force_login(marseille_sa)

    assert client.get(offer_url(page, remote_parisian_offer)).status_code == 200


@pytest.mark.parametrize("page", ["detail", "declare_interest", "form_duo"])
def test_sa_of_another_department_gets_404_on_an_onsite_offers_pages(
    client, marseille_sa, onsite_parisian_offer, page
):
    client.force_login(marseille_sa)

    assert client.get(offer_url(page, onsite_parisian_offer)).status_code == 404


def test_sa_does_not_see_a_remote_offer_of_a_past_edition(marseille_sa, employer, past_edition):
    OfferFactory(
        structure=employer.structure,
        referent=employer,
        edition=past_edition,
        postcode="75011",
        modality=Modality.REMOTE,
    )

    assert not Offer.objects.visible_to(marseille_sa).exists()


def test_sa_does_not_see_a_remote_offer_filled_by_another_sa(marseille_sa, remote_parisian_offer):
    DuoFactory(offer=remote_parisian_offer)

    assert not Offer.objects.visible_to(marseille_sa).exists()


def test_unvalidated_sa_does_not_see_a_remote_offer(remote_parisian_offer):
    pending_sa = ReferentFactory(
        structure=StructureFactory(support=True, postcode="13001", served_departments=["13"])
    )

    assert not Offer.objects.visible_to(pending_sa).exists()


def test_other_employer_does_not_see_a_remote_offer(remote_parisian_offer):
    other_employer = ReferentFactory()

    assert not Offer.objects.visible_to(other_employer).exists()


def test_sa_filters_its_list_down_to_remote_offers(
    client, support_referent, remote_parisian_offer, offer
):
    client.force_login(support_referent)

    response = client.get(LIST_URL, {"modality": Modality.REMOTE})

    assert listed_titles(response) == ["Assistant·e de communication à distance"]


def test_sa_list_shows_both_its_departments_offers_and_remote_ones(
    client, support_referent, remote_parisian_offer, offer
):
    client.force_login(support_referent)

    assert sorted(listed_titles(client.get(LIST_URL))) == [
        "Assistant·e de communication à distance",
        "Vendeur en boulangerie",
    ]


# What an SA of another department may do with it


def test_sa_of_another_department_declares_interest_in_a_remote_offer(
    marseille_sa, remote_parisian_offer
):
    workflow.declare_interest(remote_parisian_offer, marseille_sa.structure, marseille_sa)

    assert Interest.objects.filter(structure=marseille_sa.structure).exists()
    assert Offer.objects.get().status == OfferStatus.IN_PROGRESS


def test_sa_of_another_department_forms_the_duo_of_a_remote_offer(
    marseille_sa, remote_parisian_offer
):
    workflow.form_duo(remote_parisian_offer, marseille_sa.structure, marseille_sa, "Léa", "Roux")

    assert Duo.objects.get().structure == marseille_sa.structure
    assert Offer.objects.get().status == OfferStatus.FILLED


def test_sa_of_another_department_cannot_declare_interest_in_an_onsite_offer(
    marseille_sa, onsite_parisian_offer
):
    with pytest.raises(workflow.InvalidTransition, match="département que vous couvrez"):
        workflow.declare_interest(onsite_parisian_offer, marseille_sa.structure, marseille_sa)


def test_sa_of_another_department_declares_interest_through_the_page(
    client, marseille_sa, remote_parisian_offer
):
    client.force_login(marseille_sa)

    response = client.post(offer_url("declare_interest", remote_parisian_offer), {"message": ""})

    assert response.status_code == 302
    assert Interest.objects.filter(structure=marseille_sa.structure).exists()


def test_sa_keeps_sight_of_the_remote_offer_whose_duo_it_formed(
    client, marseille_sa, remote_parisian_offer
):
    workflow.form_duo(remote_parisian_offer, marseille_sa.structure, marseille_sa, "Léa", "Roux")
    client.force_login(marseille_sa)

    assert client.get(offer_url("detail", remote_parisian_offer)).status_code == 200


def test_sa_of_another_department_answering_a_remote_offer_filled_meanwhile_is_told_so(
    client, marseille_sa, support_referent, remote_parisian_offer
):
    workflow.form_duo(
        remote_parisian_offer, support_referent.structure, support_referent, "Léa", "Roux"
    )
    client.force_login(marseille_sa)

    response = client.post(
        offer_url("form_duo", remote_parisian_offer),
        {"person_first_name": "Paul", "person_last_name": "Durand"},
        follow=True,
    )

    assert "Une autre structure accompagnante vient de constituer le duo" in text_of(response)
    assert Duo.objects.count() == 1


def test_sa_of_another_department_posting_on_a_filled_onsite_offer_gets_404(
    client, marseille_sa, onsite_parisian_offer
):
    DuoFactory(offer=onsite_parisian_offer)
    client.force_login(marseille_sa)

    response = client.post(offer_url("declare_interest", onsite_parisian_offer), {"message": ""})

    assert response.status_code == 404
