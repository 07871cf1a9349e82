"""The public « Ressources » page and the personal space's « Ressources Documentaires »."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import DocumentFactory, ReferentFactory
from tests.html_text import text_of


@pytest.fixture
def documents(site_tree):
    return {
        "public": DocumentFactory(title="Affiche DuoDay", content=b"x" * 2048),
        "restricted": DocumentFactory(restricted=True, title="Modèle d'attestation de stage"),
    }


def test_ressources_page_lists_public_documents_with_format_and_size(client, documents):
    response = client.get("/ressources/")

    assert "Kit de communication Affiche DuoDay PDF – 2,0 Kio" in text_of(response)


def test_ressources_page_links_the_public_document_serve_url(client, documents):
    response = client.get("/ressources/")

    assertContains(response, f'href="{documents["public"].url}"')


def test_ressources_page_hides_restricted_documents_from_a_visitor(client, documents):
    response = client.get("/ressources/")

    assertNotContains(response, "Modèle d&#x27;attestation de stage")
    assertNotContains(response, documents["restricted"].url)
    assertNotContains(response, "Attestations")


def test_ressources_page_tells_a_visitor_to_log_in_for_the_restricted_ones(client, documents):
    response = client.get("/ressources/")

    assert "réservés aux référents : connectez-vous pour y accéder." in text_of(response)


def test_ressources_page_without_documents_says_so(client, site_tree):
    response = client.get("/ressources/")

    assert "Aucune ressource disponible pour le moment." in text_of(response)


def test_personal_resources_require_login(client, documents):
    response = client.get("/espace/ressources/")

    assert response.status_code == 302
    assert response["Location"] == "/connexion/?next=/espace/ressources/"


def test_personal_resources_list_public_and_restricted_documents(client, documents):
    client.force_login(ReferentFactory())

    response = client.get("/espace/ressources/")

    page_text = text_of(response)
    assert "Attestations Réservé aux référents Modèle d'attestation de stage PDF" in page_text
    assert "Kit de communication Affiche DuoDay PDF – 2,0 Kio" in page_text


def test_personal_resources_link_the_restricted_document(client, documents):
    client.force_login(ReferentFactory())

    response = client.get("/espace/ressources/")

    assertContains(response, f'href="{documents["restricted"].url}"')


def test_personal_resources_tab_is_current(client, documents):
    client.force_login(ReferentFactory())

    response = client.get("/espace/ressources/")

    assertContains(response, 'aria-current="page">Ressources Documentaires</a>')


def test_ressources_page_lists_restricted_documents_to_a_logged_in_user(client, documents):
    client.force_login(ReferentFactory())

    response = client.get("/ressources/")

    assert "Attestations Réservé aux référents Modèle d'attestation de stage" in text_of(response)
