"""Documents are served only by Wagtail's view, which enforces the collection's restriction."""

import pytest

from tests.factories import (
    PDF_BYTES,
    DocumentFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)


def served_bytes(response):
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


@pytest.fixture
def restricted_document(site_tree):
    return DocumentFactory(restricted=True, title="Modèle d'attestation de stage")


@pytest.fixture
def public_document(site_tree):
    return DocumentFactory(title="Flyer DuoDay")


def test_restricted_document_url_is_wagtail_serve_view(restricted_document):
    assert restricted_document.url == (
        f"/documents/{restricted_document.pk}/{restricted_document.filename}"
    )


def test_restricted_document_redirects_a_visitor_to_the_login_page(client, restricted_document):
    response = client.get(restricted_document.url)

    assert response.status_code == 302
    assert response["Location"] == f"/connexion/?next={restricted_document.url}"


def test_restricted_document_is_served_to_a_referent(client, restricted_document):
    client.force_login(ReferentFactory(structure__validated=True))

    response = client.get(restricted_document.url)

    assert response.status_code == 200
    assert served_bytes(response) == PDF_BYTES


def test_restricted_document_is_served_to_a_coordinator(client, restricted_document):
    client.force_login(UserFactory(coordinator=True))

    response = client.get(restricted_document.url)

    assert response.status_code == 200
    assert served_bytes(response) == PDF_BYTES


def test_restricted_document_is_refused_to_a_referent_of_a_structure_awaiting_validation(
    client, restricted_document
):
    pending_structure = StructureFactory(support=True)
    client.force_login(ReferentFactory(structure=pending_structure))

    response = client.get(restricted_document.url)

    assert response.status_code == 404


def test_restricted_document_is_refused_to_an_account_without_structure(
    client, restricted_document
):
    client.force_login(UserFactory())

    response = client.get(restricted_document.url)

    assert response.status_code == 404


def test_public_document_is_served_to_a_visitor(client, public_document):
    response = client.get(public_document.url)

    assert response.status_code == 200
    assert served_bytes(response) == PDF_BYTES


def test_document_file_under_media_is_not_served_to_a_visitor(client, restricted_document):
    response = client.get(f"/media/{restricted_document.file.name}")

    assert response.status_code == 404


def test_public_document_file_under_media_is_not_served_either(client, public_document):
    response = client.get(f"/media/{public_document.file.name}")

    assert response.status_code == 404


def test_document_file_is_written_under_the_test_media_root(restricted_document, media_root):
    assert restricted_document.file.path.startswith(str(media_root))
