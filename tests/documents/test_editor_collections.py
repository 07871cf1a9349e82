"""« Éditeurs » create collections and choose, in the collection's form, whether its
documents are public or restricted to logged-in users, without a superuser."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from documents.resources import documents_for
from documents.setup import setup_collections
from tests.factories import PDF_BYTES, ReferentFactory, UserFactory

ADD_URL = reverse("wagtailadmin_collections:add")


def served_bytes(response):
    try:
        return b"".join(response.streaming_content)
    finally:
        response.close()


def edit_url(collection):
    return reverse("wagtailadmin_collections:edit", args=[collection.pk])


@pytest.fixture
def editor_client(client, site_tree):
    client.force_login(UserFactory(editor=True))
    return client


def add_collection(client, name, access):
    return client.post(
        ADD_URL,
        {"name": name, "parent": Collection.get_first_root_node().pk, "access": access},
    )


def upload(client, collection, title="Charte des duos"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "collection": collection.pk,
            "file": SimpleUploadedFile("charte.pdf", PDF_BYTES, "application/pdf"),
        },
    )


def test_the_collection_form_offers_the_public_or_restricted_choice(editor_client):
    response = editor_client.get(ADD_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="access"' in content
    assert "Réservé aux personnes connectées" in content


def test_an_editor_creates_a_restricted_collection_whose_documents_only_referents_get(
    editor_client, client
):
    response = add_collection(editor_client, "Guides des référents", "restricted")

    assert response.status_code == 302
    collection = Collection.objects.get(name="Guides des référents")
    [restriction] = collection.get_view_restrictions()
    assert restriction.restriction_type == CollectionViewRestriction.LOGIN

    assert upload(editor_client, collection).status_code == 302
    document = get_document_model().objects.get(title="Charte des duos")
    assert document.collection == collection

    editor_client.logout()
    visitor = client.get(document.url)
    assert visitor.status_code == 302
    assert visitor["Location"] == f"/connexion/?next={document.url}"
    assert all(
        group["collection"] != collection for group in documents_for(visitor.wsgi_request.user)
    )

    client.force_login(ReferentFactory(structure__validated=True))
    referent = client.get(document.url)
    assert referent.status_code == 200
    assert served_bytes(referent) == PDF_BYTES


def test_an_editor_creates_a_public_collection(editor_client, client):
    add_collection(editor_client, "Affiches régionales", "public")

    collection = Collection.objects.get(name="Affiches régionales")
    assert not collection.get_view_restrictions().exists()
    upload(editor_client, collection, title="Affiche Bretagne")
    document = get_document_model().objects.get(title="Affiche Bretagne")
    editor_client.logout()
    response = client.get(document.url)
    assert response.status_code == 200
    assert served_bytes(response) == PDF_BYTES


def test_an_editor_makes_a_collection_public_then_restricted_again(editor_client):
    kit = setup_collections()["Kit de communication"]
    data = {"name": kit.name, "parent": Collection.get_first_root_node().pk}

    restricted = editor_client.post(edit_url(kit), {**data, "access": "restricted"})
    assert restricted.status_code == 302
    assert kit.get_view_restrictions().count() == 1
    assert editor_client.get(edit_url(kit)).context["form"].initial["access"] == "restricted"

    editor_client.post(edit_url(kit), {**data, "access": "public"})
    assert not kit.get_view_restrictions().exists()


def test_a_collection_without_an_access_choice_is_refused_in_french(editor_client):
    response = add_collection(editor_client, "Sans choix", "")

    assert response.status_code == 200
    assert response.context["form"].errors["access"] == [
        "Choisissez qui peut télécharger ses documents."
    ]
    assert not Collection.objects.filter(name="Sans choix").exists()


def test_a_collection_inside_a_restricted_one_stays_restricted(editor_client):
    attestations = setup_collections()["Attestations"]
    editor_client.post(
        ADD_URL, {"name": "Modèles 2026", "parent": attestations.pk, "access": "public"}
    )
    child = Collection.objects.get(name="Modèles 2026")

    form = editor_client.get(edit_url(child)).context["form"]

    assert child.get_view_restrictions().exists()
    assert form.fields["access"].disabled
    assert "comme la collection « Attestations »" in str(form.fields["access"].help_text)


def test_editors_still_cannot_delete_a_collection(editor_client):
    kit = setup_collections()["Kit de communication"]

    response = editor_client.post(reverse("wagtailadmin_collections:delete", args=[kit.pk]))

    assert response.status_code == 404
    assert Collection.objects.filter(pk=kit.pk).exists()


@pytest.mark.parametrize("role", ["visitor", "referent"])
def test_referents_and_visitors_cannot_create_a_collection(client, site_tree, role):
    if role == "referent":
        client.force_login(ReferentFactory(structure__validated=True))

    response = add_collection(client, "Intrus", "public")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not Collection.objects.filter(name="Intrus").exists()
