"""« Annuaire des SA »: the validated support structures of the employer's departments."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from directory.models import Department
from tests.factories import OfferFactory, ReferentFactory, StructureFactory

pytestmark = pytest.mark.django_db

URL = "/espace/annuaire/"


def card_url(structure):
    return f"{URL}{structure.pk}/"


def support_structure(name, served=("75",), **kwargs):
    return StructureFactory(
        support=True, validated=True, name=name, served_departments=served, **kwargs
    )


@pytest.fixture
def employer(client):
    """A referent of an employer of Paris (75), logged in."""
    referent = ReferentFactory(structure=StructureFactory(employer=True, postcode="75011"))
    client.force_login(referent)
    return referent


@pytest.fixture
def scope_75_and_93(employer):
    """The employer of Paris (75) also publishes an offer in Seine-Saint-Denis (93): its real
    offers, not a stand-in, make the directory's scope."""
    OfferFactory(structure=employer.structure, postcode="93200", commune="Saint-Denis")


# Scope


def test_employer_sees_the_validated_sa_serving_its_department(client, employer):
    support_structure("ESAT des Lilas")

    response = client.get(URL)

    assertContains(response, "ESAT des Lilas")
    assertContains(response, "1 structure trouvée")


def test_sa_located_elsewhere_but_serving_the_department_is_listed(client, employer):
    support_structure("Cap Emploi Île-de-France", served=("75", "92"), postcode="92100")

    response = client.get(URL)

    assertContains(response, "Cap Emploi Île-de-France")


def test_pending_sa_is_not_listed(client, employer):
    StructureFactory(support=True, name="ESAT en attente", served_departments=["75"])

    response = client.get(URL)

    assertNotContains(response, "ESAT en attente")
    assertContains(response, "Aucune structure trouvée")


def test_pending_sa_card_answers_404(client, employer):
    pending = StructureFactory(support=True, name="ESAT en attente", served_departments=["75"])

    assert client.get(card_url(pending)).status_code == 404


def test_sa_of_another_department_is_not_listed(client, employer):
    support_structure("IME de Marseille", served=("13",), postcode="13001")

    response = client.get(URL)

    assertNotContains(response, "IME de Marseille")


def test_sa_of_another_department_card_answers_404(client, employer):
    elsewhere = support_structure("IME de Marseille", served=("13",), postcode="13001")

    assert client.get(card_url(elsewhere)).status_code == 404


def test_employer_card_is_not_reachable_through_the_directory(client, employer):
    other_employer = StructureFactory(employer=True, name="Autre employeur parisien")

    assert client.get(card_url(other_employer)).status_code == 404


def test_sa_referent_gets_404_on_the_directory(client):
    client.force_login(ReferentFactory(structure=StructureFactory(support=True, validated=True)))

    assert client.get(URL).status_code == 404


def test_sa_referent_gets_404_on_a_card(client):
    sa = support_structure("ESAT des Lilas")
    client.force_login(ReferentFactory(structure=StructureFactory(support=True, validated=True)))

    assert client.get(card_url(sa)).status_code == 404


def test_anonymous_visitor_is_redirected_to_the_login_page(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/espace/annuaire/"


# Search, filters, pagination


def test_filter_by_name(client, employer):
    support_structure("ESAT des Lilas")
    support_structure("Mission locale de Paris")

    response = client.get(URL, {"q": "lilas"})

    assertContains(response, "ESAT des Lilas")
    assertNotContains(response, "Mission locale de Paris")


def test_filter_by_type(client, employer):
    support_structure("ESAT des Lilas", structure_type="esat")
    support_structure("IME Les Tilleuls", structure_type="ime")

    response = client.get(URL, {"structure_type": "ime"})

    assertContains(response, "IME Les Tilleuls")
    assertNotContains(response, "ESAT des Lilas")


def test_an_offer_in_another_department_brings_its_sas_in(client, employer):
    support_structure("ESAT de Bobigny", served=("93",), postcode="93000")
    before = client.get(URL)

    OfferFactory(structure=employer.structure, postcode="93200", commune="Saint-Denis")
    after = client.get(URL)

    assertNotContains(before, "ESAT de Bobigny")
    assertContains(after, "ESAT de Bobigny")


def test_filter_by_department(client, employer, scope_75_and_93):
    support_structure("ESAT de Paris", served=("75",))
    support_structure("ESAT de Bobigny", served=("93",), postcode="93000")

    response = client.get(URL, {"department": Department.objects.get(code="93").pk})

    assertContains(response, "ESAT de Bobigny")
    assertNotContains(response, "ESAT de Paris")


def test_department_filter_offers_only_the_employers_departments(client, employer, scope_75_and_93):
    response = client.get(URL)

    choices = [
        str(department)
        for department in response.context["filter"].form.fields["department"].queryset
    ]
    assert choices == ["75 – Paris", "93 – Seine-Saint-Denis"]


def test_department_filter_outside_the_scope_shows_nothing_from_there(client, employer):
    support_structure("IME de Marseille", served=("13",), postcode="13001")

    response = client.get(URL, {"department": Department.objects.get(code="13").pk})

    assertNotContains(response, "IME de Marseille")


def test_sa_serving_several_departments_is_listed_once(client, employer, scope_75_and_93):
    support_structure("France Travail Est parisien", served=("75", "93"))

    response = client.get(URL)

    assertContains(response, "1 structure trouvée")


def test_directory_is_paginated_by_20(client, employer):
    for number in range(1, 26):
        support_structure(f"SA n° {number:02d}")

    first = client.get(URL)
    second = client.get(URL, {"page": 2})

    assertContains(first, "25 structures trouvées")
    assertContains(first, "SA n° 20")
    assertNotContains(first, "SA n° 21")
    assertContains(second, "SA n° 21")
    assertContains(second, "SA n° 25")
    assertNotContains(second, "SA n° 20")


def test_pagination_keeps_the_filters(client, employer):
    for number in range(1, 23):
        support_structure(f"ESAT n° {number:02d}", structure_type="esat")
    support_structure("IME Les Tilleuls", structure_type="ime")

    response = client.get(URL, {"structure_type": "esat", "page": 2})

    assertContains(response, "ESAT n° 21")
    assertNotContains(response, "IME Les Tilleuls")


# The card


def test_card_shows_the_referents_phone_and_email(client, employer):
    sa = support_structure("ESAT des Lilas")
    ReferentFactory(
        structure=sa,
        first_name="Dominique",
        last_name="Petit",
        phone="06 98 76 54 32",
        email="dominique.petit@esat-lilas.fr",
    )

    response = client.get(card_url(sa))

    assertContains(response, "<h1>ESAT des Lilas</h1>", html=True)
    assertContains(response, "Dominique Petit")
    assertContains(response, "06 98 76 54 32")
    assertContains(response, 'href="mailto:dominique.petit@esat-lilas.fr"')


def test_card_does_not_show_deactivated_referents(client, employer):
    sa = support_structure("ESAT des Lilas")
    ReferentFactory(structure=sa)
    ReferentFactory(structure=sa, is_active=False, email="ancien@esat-lilas.fr")

    response = client.get(card_url(sa))

    assertNotContains(response, "ancien@esat-lilas.fr")


def test_list_links_each_name_to_its_card(client, employer):
    sa = support_structure("ESAT des Lilas")

    response = client.get(URL)

    assertContains(
        response, f'<a class="fr-link" href="{card_url(sa)}">ESAT des Lilas</a>', html=True
    )


def test_directory_tab_is_marked_current(client, employer):
    response = client.get(URL)

    assertContains(
        response,
        '<a class="fr-btn fr-btn--primary" href="/espace/annuaire/" aria-current="page">'
        "Annuaire des SA</a>",
        html=True,
    )


# Bounded number of queries

# Session, user, structure, the departments of the employer's offers, the page's own
# queries, then the site chrome (Wagtail site, menu pages, contact and footer settings):
# the same count whatever the data size.
LIST_QUERIES = 16
CARD_QUERIES = 15
DEPARTMENTS = ["75", "77", "78", "91", "92", "93", "94", "95"]


def populate(size):
    """`size` validated SAs of Paris and its suburbs, each with one referent."""
    for number in range(size):
        sa = support_structure(f"SA n° {number:03d}", served=DEPARTMENTS[: 1 + number % 8])
        ReferentFactory(structure=sa)


@pytest.mark.parametrize("size", [3, 30])
def test_list_runs_a_bounded_number_of_queries(
    client, employer, size, django_assert_max_num_queries
):
    populate(size)
    client.get(URL)  # The site settings are created at the first request.

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(URL)

    assert len(response.context["page_obj"]) == min(size, 20)


@pytest.mark.parametrize("size", [3, 30])
def test_card_runs_a_bounded_number_of_queries(
    client, employer, size, django_assert_max_num_queries
):
    populate(size)
    sa = support_structure("ESAT des Lilas", served=DEPARTMENTS[: 2 + size % 7])
    for _ in range(size):
        ReferentFactory(structure=sa)
    client.get(URL)  # The site settings are created at the first request.

    with django_assert_max_num_queries(CARD_QUERIES):
        response = client.get(card_url(sa))

    assert len(response.context["structure"].active_referents) == size


def test_directory_shows_the_departments_each_sa_serves(client, employer):
    support_structure("Cap Emploi Île-de-France", served=("75", "92", "93"), postcode="92100")

    response = client.get(URL)

    assertContains(
        response,
        '<td data-label="Départements couverts">75 – Paris, 92 – Hauts-de-Seine, '
        "93 – Seine-Saint-Denis</td>",
        html=True,
    )
