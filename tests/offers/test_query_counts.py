"""Every offer page runs as many SQL queries for 3 offers as for 30 (spec §9: « a bounded
number of SQL queries, whatever the data size »).

The bounds are what the pages run today on a warm request (Wagtail's site and settings
cached); a change that adds a query per offer, interest, referent or duo breaks them.
"""

import pytest
from django.urls import reverse

from offers.models import Edition, Offer
from tests.factories import DuoFactory, InterestFactory, OfferFactory, ReferentFactory
from tests.offers.helpers import field_errors

pytestmark = pytest.mark.django_db

DATA_SIZES = [3, 30]

EMPLOYER_LIST_QUERIES = 12  # + the editions of the « Édition » filter
SUPPORT_LIST_QUERIES = 11
EMPLOYER_DETAIL_QUERIES = 12
SUPPORT_DETAIL_QUERIES = 11
MY_DUOS_QUERIES = 11
EMPLOYER_HISTORY_QUERIES = 10
SUPPORT_HISTORY_QUERIES = 10
PUBLIC_SEARCH_QUERIES = 13
PUBLIC_OFFER_QUERIES = 11
PUBLIC_OFFER_FOR_AN_SA_QUERIES = 15  # + session, user, structure, « in my space? »
ADD_OFFER_QUERIES = 11
ADD_OFFER_WITH_AN_ERROR_QUERIES = 15  # + validating the referent and the department
EDIT_OFFER_QUERIES = 11
DELETE_OFFER_QUERIES = 9
INTEREST_QUERIES = 9
FORM_DUO_QUERIES = 9


@pytest.fixture
def populate(employer, support_referent, past_edition):
    """`count` offers of the employer with two interests each, one of them the SA's; the
    SA's duos on a third of them, in the current and in the past edition."""

    def populate(count):
        offers = []
        for number in range(count):
            offer = OfferFactory(structure=employer.structure, referent=employer)
            InterestFactory(offer=offer)
            InterestFactory(
                offer=offer, structure=support_referent.structure, user=support_referent
            )
            offers.append(offer)
            if number % 3 == 0:
                for edition in [offer.edition, past_edition]:
                    DuoFactory(
                        offer=OfferFactory(
                            structure=employer.structure, referent=employer, edition=edition
                        ),
                        structure=support_referent.structure,
                        created_by=support_referent,
                    )
        return offers

    return populate


@pytest.fixture
def offer_with_interests(offer):
    """The offer, with `count` interested SAs of two active referents each."""

    def with_interests(count):
        for interest in InterestFactory.create_batch(count, offer=offer):
            ReferentFactory(structure=interest.structure)
        return offer

    return with_interests


def get_twice(client, user, url):
    """Log in, warm the caches with a first request, and return a function for the second."""
    if user is not None:
        client.force_login(user)
    client.get(url)
    return lambda: client.get(url)


@pytest.mark.parametrize("count", DATA_SIZES)
def test_employer_offer_list_queries_do_not_grow_with_offers(
    client, employer, populate, django_assert_max_num_queries, count
):
    populate(count)
    request = get_twice(client, employer, reverse("offers:list"))

    with django_assert_max_num_queries(EMPLOYER_LIST_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_support_offer_list_queries_do_not_grow_with_offers(
    client, support_referent, populate, django_assert_max_num_queries, count
):
    populate(count)
    request = get_twice(client, support_referent, reverse("offers:list"))

    with django_assert_max_num_queries(SUPPORT_LIST_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_employer_offer_page_queries_do_not_grow_with_interests(
    client, employer, offer_with_interests, django_assert_max_num_queries, count
):
    offer = offer_with_interests(count)
    request = get_twice(client, employer, reverse("offers:detail", args=[offer.pk]))

    with django_assert_max_num_queries(EMPLOYER_DETAIL_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_support_offer_page_queries_do_not_grow_with_interests(
    client, support_referent, offer_with_interests, django_assert_max_num_queries, count
):
    offer = offer_with_interests(count)
    request = get_twice(client, support_referent, reverse("offers:detail", args=[offer.pk]))

    with django_assert_max_num_queries(SUPPORT_DETAIL_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_my_duos_queries_do_not_grow_with_duos(
    client, support_referent, populate, django_assert_max_num_queries, count
):
    populate(count)
    request = get_twice(client, support_referent, reverse("offers:my_duos"))

    with django_assert_max_num_queries(MY_DUOS_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_employer_history_queries_do_not_grow_with_duos(
    client, employer, populate, django_assert_max_num_queries, count
):
    populate(count)
    request = get_twice(client, employer, reverse("offers:history"))

    with django_assert_max_num_queries(EMPLOYER_HISTORY_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_support_history_queries_do_not_grow_with_duos(
    client, support_referent, populate, django_assert_max_num_queries, count
):
    populate(count)
    request = get_twice(client, support_referent, reverse("offers:history"))

    with django_assert_max_num_queries(SUPPORT_HISTORY_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_public_search_queries_do_not_grow_with_offers(
    client, populate, django_assert_max_num_queries, count
):
    populate(count)
    request = get_twice(client, None, "/offres/")

    with django_assert_max_num_queries(PUBLIC_SEARCH_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_public_offer_page_queries_do_not_grow_with_offers_or_interests(
    client, populate, offer_with_interests, django_assert_max_num_queries, count
):
    populate(count)
    offer = offer_with_interests(count)
    request = get_twice(client, None, f"/offres/{offer.pk}/")

    with django_assert_max_num_queries(PUBLIC_OFFER_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_public_offer_page_queries_for_an_sa_do_not_grow_with_offers(
    client, populate, offer_with_interests, support_referent, django_assert_max_num_queries, count
):
    populate(count)
    offer = offer_with_interests(count)
    request = get_twice(client, support_referent, f"/offres/{offer.pk}/")

    with django_assert_max_num_queries(PUBLIC_OFFER_FOR_AN_SA_QUERIES):
        response = request()

    assert "Voir l’offre dans mon espace" in response.content.decode()


# The form and confirmation pages: neither the employer's referents (the « Référent de
# l'offre » choices) nor the interested SAs nor the SA's colleagues cost a query each.


@pytest.fixture
def crowded_offer(employer, support_referent, offer_with_interests):
    """The offer with `count` interested SAs; `count` more referents in the employer's
    structure and in the SA's."""

    def crowded(count):
        ReferentFactory.create_batch(count, structure=employer.structure)
        ReferentFactory.create_batch(count, structure=support_referent.structure)
        return offer_with_interests(count)

    return crowded


def offer_data_without_title(employer):
    return {
        "title": "",
        "description": "Préparer les commandes avec l'équipe logistique.",
        "sector": "logistique",
        "address": "10 rue Garibaldi",
        "postcode": "69003",
        "commune": "Lyon",
        "department": "",
        "modality": "presentiel",
        "date": Edition.current().duoday_date.strftime("%d/%m/%Y"),
        "schedule": "9 h – 17 h",
        "accessibility": "Plain-pied.",
        "referent": employer.pk,
    }


@pytest.mark.parametrize("count", DATA_SIZES)
def test_add_offer_page_queries_do_not_grow_with_referents(
    client, employer, crowded_offer, django_assert_max_num_queries, count
):
    crowded_offer(count)
    request = get_twice(client, employer, reverse("offers:create"))

    with django_assert_max_num_queries(ADD_OFFER_QUERIES):
        response = request()

    assert response.status_code == 200
    assert len(response.context["form"].fields["referent"].queryset) == count + 1


@pytest.mark.parametrize("count", DATA_SIZES)
def test_add_offer_page_with_an_error_queries_do_not_grow_with_referents(
    client, employer, crowded_offer, django_assert_max_num_queries, count
):
    crowded_offer(count)
    data = offer_data_without_title(employer)
    client.force_login(employer)
    client.post(reverse("offers:create"), data)

    with django_assert_max_num_queries(ADD_OFFER_WITH_AN_ERROR_QUERIES):
        response = client.post(reverse("offers:create"), data)

    assert field_errors(response, "id_title") == ["Champ requis."]
    assert Offer.objects.filter(structure=employer.structure).count() == 1


@pytest.mark.parametrize("count", DATA_SIZES)
def test_edit_offer_page_queries_do_not_grow_with_referents_or_interests(
    client, employer, crowded_offer, django_assert_max_num_queries, count
):
    offer = crowded_offer(count)
    request = get_twice(client, employer, reverse("offers:edit", args=[offer.pk]))

    with django_assert_max_num_queries(EDIT_OFFER_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_delete_confirmation_page_queries_do_not_grow_with_interests(
    client, employer, crowded_offer, django_assert_max_num_queries, count
):
    offer = crowded_offer(count)
    request = get_twice(client, employer, reverse("offers:delete", args=[offer.pk]))

    with django_assert_max_num_queries(DELETE_OFFER_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_interest_page_queries_do_not_grow_with_interests(
    client, support_referent, crowded_offer, django_assert_max_num_queries, count
):
    offer = crowded_offer(count)
    request = get_twice(
        client, support_referent, reverse("offers:declare_interest", args=[offer.pk])
    )

    with django_assert_max_num_queries(INTEREST_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_form_duo_page_queries_do_not_grow_with_interests(
    client, support_referent, crowded_offer, django_assert_max_num_queries, count
):
    offer = crowded_offer(count)
    request = get_twice(client, support_referent, reverse("offers:form_duo", args=[offer.pk]))

    with django_assert_max_num_queries(FORM_DUO_QUERIES):
        response = request()

    assert response.status_code == 200


# Several offers at once: « Importer des offres », « Reconduire mes offres », « Dupliquer
# cette offre ». Checking a file or a selection costs no query per row.

IMPORT_PAGE_QUERIES = 9
IMPORT_UPLOAD_QUERIES = 6  # the referents and the departments, once per file
IMPORT_PREVIEW_QUERIES = 9
IMPORT_CONFIRM_QUERIES = 9  # one INSERT per batch of rows (71 on SQLite, 500 elsewhere)
RECONDUCT_PAGE_QUERIES = 13
RECONDUCT_PREVIEW_QUERIES = 13
RECONDUCT_CONFIRM_QUERIES = 15
DUPLICATE_OFFER_QUERIES = 14


def import_file(employer, count):
    from tests.offers.import_helpers import csv_file, offer_row

    colleague = ReferentFactory(structure=employer.structure)
    rows = [
        offer_row(number, **{"E-mail du référent de l'offre": colleague.email})
        if number % 2
        else offer_row(number, **{"Département": "69"})
        for number in range(count)
    ]
    return csv_file(rows)


def test_import_page_queries(client, employer, django_assert_max_num_queries):
    request = get_twice(client, employer, reverse("offers:import"))

    with django_assert_max_num_queries(IMPORT_PAGE_QUERIES):
        response = request()

    assert response.status_code == 200


@pytest.mark.parametrize("count", DATA_SIZES)
def test_import_upload_queries_do_not_grow_with_rows(
    client, employer, django_assert_max_num_queries, count
):
    file = import_file(employer, count)
    get_twice(client, employer, reverse("offers:import"))

    with django_assert_max_num_queries(IMPORT_UPLOAD_QUERIES):
        response = client.post(reverse("offers:import"), {"file": file})

    assert response.status_code == 302


@pytest.mark.parametrize("count", DATA_SIZES)
def test_import_preview_queries_do_not_grow_with_rows(
    client, employer, django_assert_max_num_queries, count
):
    client.force_login(employer)
    preview_url = client.post(reverse("offers:import"), {"file": import_file(employer, count)})[
        "Location"
    ]
    request = get_twice(client, None, preview_url)

    with django_assert_max_num_queries(IMPORT_PREVIEW_QUERIES):
        response = request()

    assert response.context["row_count"] == count


@pytest.mark.parametrize("count", DATA_SIZES)
def test_import_confirm_queries_do_not_grow_with_rows(
    client, employer, django_assert_max_num_queries, count
):
    client.force_login(employer)
    preview_url = client.post(reverse("offers:import"), {"file": import_file(employer, count)})[
        "Location"
    ]

    with django_assert_max_num_queries(IMPORT_CONFIRM_QUERIES):
        client.post(preview_url)

    assert Offer.objects.filter(structure=employer.structure).count() == count


@pytest.fixture
def past_offers(employer, past_edition):
    def create(count):
        colleague = ReferentFactory(structure=employer.structure)
        return [
            OfferFactory(
                structure=employer.structure,
                referent=colleague if number % 2 else employer,
                edition=past_edition,
                postcode=["69003", "75011", "13001"][number % 3],
            )
            for number in range(count)
        ]

    return create


@pytest.mark.parametrize("count", DATA_SIZES)
def test_reconduct_page_queries_do_not_grow_with_past_offers(
    client, employer, past_offers, django_assert_max_num_queries, count
):
    past_offers(count)
    request = get_twice(client, employer, reverse("offers:reconduct") + "?tout=1")

    with django_assert_max_num_queries(RECONDUCT_PAGE_QUERIES):
        response = request()

    assert response.content.decode().count('type="checkbox"') == count


@pytest.mark.parametrize("count", DATA_SIZES)
def test_reconduct_preview_and_confirm_queries_do_not_grow_with_the_selection(
    client, employer, past_offers, django_assert_max_num_queries, count
):
    chosen = {"offers": [offer.pk for offer in past_offers(count)]}
    client.force_login(employer)
    client.post(reverse("offers:reconduct"), chosen)

    with django_assert_max_num_queries(RECONDUCT_PREVIEW_QUERIES):
        preview = client.post(reverse("offers:reconduct"), chosen)
    with django_assert_max_num_queries(RECONDUCT_CONFIRM_QUERIES):
        client.post(reverse("offers:reconduct"), {**chosen, "confirmer": "1"})

    assert preview.context["valid_count"] == count
    assert Offer.objects.filter(copied_from__isnull=False).count() == count


@pytest.mark.parametrize("count", DATA_SIZES)
def test_duplicate_offer_page_queries_do_not_grow_with_referents(
    client, employer, crowded_offer, django_assert_max_num_queries, count
):
    offer = crowded_offer(count)
    request = get_twice(client, employer, reverse("offers:duplicate", args=[offer.pk]))

    with django_assert_max_num_queries(DUPLICATE_OFFER_QUERIES):
        response = request()

    assert response.status_code == 200
