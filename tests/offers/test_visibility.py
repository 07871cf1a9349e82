"""Who sees which offer, by the « Offres » list and by every offer URL: anything not theirs
answers 404, never a page that tells whether the offer exists."""

import pytest
from django.urls import reverse

from offers.models import Offer
from tests.factories import (
    DuoFactory,
    InterestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)
from tests.offers.helpers import OFFER_PAGES, listed_titles, offer_url

pytestmark = pytest.mark.django_db

LIST_URL = reverse("offers:list")
EMPLOYER_PAGES = ["detail", "edit", "delete"]
SUPPORT_ACTION_PAGES = ["declare_interest", "withdraw_interest", "form_duo"]


@pytest.fixture
def other_employers_offer(current_edition):
    return OfferFactory(title="Offre d'un autre employeur")


@pytest.fixture
def parisian_offer(employer):
    return OfferFactory(
        structure=employer.structure,
        referent=employer,
        title="Offre à Paris",
        postcode="75011",
        commune="Paris",
    )


@pytest.fixture
def past_open_offer(employer, past_edition):
    return OfferFactory(
        structure=employer.structure,
        referent=employer,
        edition=past_edition,
        title="Offre d'une édition passée",
    )


@pytest.fixture
def offer_filled_by_another_sa(employer, other_support_referent):
    offer = OfferFactory(
        structure=employer.structure, referent=employer, title="Duo d'une autre SA"
    )
    DuoFactory(offer=offer, structure=other_support_referent.structure)
    return offer


# Employer referents


@pytest.mark.parametrize("status", ["open", "in_progress", "filled"])
def test_employer_lists_its_offers_of_every_status(client, employer, offer, status):
    if status == "in_progress":
        InterestFactory(offer=offer)
    elif status == "filled":
        DuoFactory(offer=offer)
    client.force_login(employer)

    response = client.get(LIST_URL)

    assert listed_titles(response) == ["Vendeur en boulangerie"]


def test_employer_lists_its_past_editions_offers(client, employer, past_open_offer):
    client.force_login(employer)

    response = client.get(LIST_URL, {"edition": past_open_offer.edition_id})

    assert listed_titles(response) == ["Offre d'une édition passée"]


def test_employer_does_not_list_another_employers_offers(
    client, employer, offer, other_employers_offer
):
    client.force_login(employer)

    assert listed_titles(client.get(LIST_URL)) == ["Vendeur en boulangerie"]


@pytest.mark.parametrize("status", ["open", "in_progress", "filled"])
def test_employer_opens_its_offer_of_any_status(client, employer, offer, status):
    if status == "in_progress":
        InterestFactory(offer=offer)
    elif status == "filled":
        DuoFactory(offer=offer)
    client.force_login(employer)

    assert client.get(offer_url("detail", offer)).status_code == 200


def test_employer_opens_its_past_editions_offer(client, employer, past_open_offer):
    client.force_login(employer)

    assert client.get(offer_url("detail", past_open_offer)).status_code == 200


@pytest.mark.parametrize("page", EMPLOYER_PAGES)
def test_employer_gets_404_on_another_employers_offer(
    client, employer, other_employers_offer, page
):
    client.force_login(employer)

    assert client.get(offer_url(page, other_employers_offer)).status_code == 404


@pytest.mark.parametrize("page", EMPLOYER_PAGES)
def test_employer_posting_to_another_employers_offer_gets_404_and_changes_nothing(
    client, employer, other_employers_offer, page
):
    client.force_login(employer)

    response = client.post(offer_url(page, other_employers_offer), {"title": "Piraté"})

    assert response.status_code == 404
    assert Offer.objects.get(pk=other_employers_offer.pk).title == "Offre d'un autre employeur"


@pytest.mark.parametrize("page", SUPPORT_ACTION_PAGES)
def test_employer_gets_404_on_the_sa_action_pages_of_its_own_offer(client, employer, offer, page):
    client.force_login(employer)

    assert client.get(offer_url(page, offer)).status_code == 404


# Support structure (SA) referents


def test_sa_lists_open_and_en_cours_offers_of_its_departments(
    client, support_referent, offer, employer
):
    in_progress = OfferFactory(structure=employer.structure, title="Offre en cours")
    InterestFactory(offer=in_progress)
    client.force_login(support_referent)

    assert sorted(listed_titles(client.get(LIST_URL))) == [
        "Offre en cours",
        "Vendeur en boulangerie",
    ]


def test_sa_does_not_list_offers_of_other_departments(client, support_referent, parisian_offer):
    client.force_login(support_referent)

    assert listed_titles(client.get(LIST_URL)) == []


def test_sa_does_not_list_past_editions_open_offers(client, support_referent, past_open_offer):
    client.force_login(support_referent)

    assert listed_titles(client.get(LIST_URL)) == []


def test_sa_does_not_list_an_offer_filled_by_another_sa(
    client, support_referent, offer_filled_by_another_sa
):
    client.force_login(support_referent)

    assert listed_titles(client.get(LIST_URL)) == []


@pytest.mark.parametrize("status", ["open", "in_progress"])
def test_sa_opens_an_open_offer_of_its_departments(client, support_referent, offer, status):
    if status == "in_progress":
        InterestFactory(offer=offer)
    client.force_login(support_referent)

    assert client.get(offer_url("detail", offer)).status_code == 200


@pytest.mark.parametrize("page", ["detail", "declare_interest", "form_duo"])
def test_sa_gets_404_on_an_offer_of_another_department(
    client, support_referent, parisian_offer, page
):
    client.force_login(support_referent)

    assert client.get(offer_url(page, parisian_offer)).status_code == 404


@pytest.mark.parametrize("page", ["detail", "declare_interest", "form_duo"])
def test_sa_gets_404_on_a_past_editions_open_offer(client, support_referent, past_open_offer, page):
    client.force_login(support_referent)

    assert client.get(offer_url(page, past_open_offer)).status_code == 404


def test_sa_opens_the_concretisee_offer_whose_duo_it_formed(client, support_referent, offer):
    DuoFactory(offer=offer, structure=support_referent.structure)
    client.force_login(support_referent)

    assert client.get(offer_url("detail", offer)).status_code == 200


def test_sa_opens_the_past_editions_offer_whose_duo_it_formed(
    client, support_referent, past_open_offer
):
    DuoFactory(offer=past_open_offer, structure=support_referent.structure)
    client.force_login(support_referent)

    assert client.get(offer_url("detail", past_open_offer)).status_code == 200


@pytest.mark.parametrize("page", OFFER_PAGES)
def test_sa_gets_404_on_a_concretisee_offer_formed_by_another_sa(
    client, support_referent, offer_filled_by_another_sa, page
):
    client.force_login(support_referent)

    assert client.get(offer_url(page, offer_filled_by_another_sa)).status_code == 404


def test_sa_loses_sight_of_an_offer_once_another_sa_forms_its_duo(
    client, support_referent, other_support_referent, offer
):
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)
    DuoFactory(offer=offer, structure=other_support_referent.structure)
    client.force_login(support_referent)

    assert client.get(offer_url("detail", offer)).status_code == 404


def test_sa_gets_404_on_the_edit_page(client, support_referent, offer):
    client.force_login(support_referent)

    assert client.get(offer_url("edit", offer)).status_code == 404


def test_sa_gets_404_on_the_delete_page_of_an_offer_without_its_duo(
    client, support_referent, offer
):
    client.force_login(support_referent)

    assert client.get(offer_url("delete", offer)).status_code == 404


@pytest.mark.parametrize("page", ["edit", "delete"])
def test_employer_gets_404_on_the_edit_and_delete_pages_of_a_past_editions_offer(
    client, employer, past_open_offer, page
):
    client.force_login(employer)

    assert client.get(offer_url(page, past_open_offer)).status_code == 404


def test_unvalidated_sa_sees_the_pending_page_instead_of_the_offers(client, offer):
    pending_sa = ReferentFactory(
        structure=StructureFactory(support=True, postcode="69001", served_departments=["69"])
    )
    client.force_login(pending_sa)

    response = client.get(offer_url("detail", offer))

    assert "Structure en attente de validation" in response.content.decode()
    assert "Vendeur en boulangerie" not in response.content.decode()


def test_visible_to_gives_nothing_to_an_unvalidated_sa(offer):
    pending_sa = ReferentFactory(
        structure=StructureFactory(support=True, postcode="69001", served_departments=["69"])
    )

    assert not Offer.objects.visible_to(pending_sa).exists()


def test_answerable_by_is_what_visible_to_shows_of_the_public_offers(
    support_referent, employer, past_edition
):
    """The SA's « Offres » (`answerable_by`, written for the index) keeps
    `visible_to(...).public()`'s rule: every status, edition, department, modality, and the
    offers whose duo the SA formed or another SA formed."""
    from offers.enums import Modality, OfferStatus

    for status in OfferStatus.values:
        for postcode in ("69003", "75011"):
            for modality in Modality.values:
                OfferFactory(status=status, postcode=postcode, modality=modality)
                OfferFactory(
                    status=status, postcode=postcode, modality=modality, edition=past_edition
                )
    DuoFactory(structure=support_referent.structure, offer__postcode="69003")
    DuoFactory(offer__postcode="69003")
    InterestFactory(structure=support_referent.structure, offer__postcode="75011")

    expected = set(Offer.objects.visible_to(support_referent).public())
    assert expected  # the rule shows something here
    assert set(Offer.objects.answerable_by(support_referent)) == expected
    assert not Offer.objects.answerable_by(employer).exists()


def test_answerable_by_gives_nothing_to_an_unvalidated_sa(offer):
    pending_sa = ReferentFactory(
        structure=StructureFactory(support=True, postcode="69001", served_departments=["69"])
    )

    assert not Offer.objects.answerable_by(pending_sa).exists()


# Visitors and users without a structure


@pytest.mark.parametrize("page", OFFER_PAGES)
def test_visitor_is_sent_to_the_login_page_from_an_offer_page(client, offer, page):
    url = offer_url(page, offer)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('directory:login')}?next={url}"


@pytest.mark.parametrize(
    "url_name", ["offers:list", "offers:create", "offers:my_duos", "offers:history"]
)
def test_visitor_is_sent_to_the_login_page_from_a_personal_space_page(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("directory:login"))


@pytest.mark.parametrize("page", OFFER_PAGES)
def test_user_without_structure_gets_404_on_an_offer_page(client, offer, page):
    client.force_login(UserFactory())

    assert client.get(offer_url(page, offer)).status_code == 404


@pytest.mark.parametrize(
    "url_name", ["offers:list", "offers:create", "offers:my_duos", "offers:history"]
)
def test_user_without_structure_gets_404_on_a_personal_space_page(
    client, current_edition, url_name
):
    client.force_login(UserFactory())

    assert client.get(reverse(url_name)).status_code == 404


def test_sa_gets_404_on_the_add_offer_page(client, support_referent):
    client.force_login(support_referent)

    assert client.get(reverse("offers:create")).status_code == 404


def test_employer_gets_404_on_my_duos(client, employer):
    client.force_login(employer)

    assert client.get(reverse("offers:my_duos")).status_code == 404


# The public search (/offres/) has its own tests: test_public_search.py.
