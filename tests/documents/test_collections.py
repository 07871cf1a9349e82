"""The documentary collections: « Attestations » restricted, « Kit de communication » public."""

from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from documents.setup import ATTESTATIONS, COMMUNICATION_KIT, seed_documents, setup_collections


def test_attestations_are_restricted_to_logged_in_users(db):
    attestations = setup_collections()[ATTESTATIONS]

    assert attestations.get_view_restrictions().get().restriction_type == (
        CollectionViewRestriction.LOGIN
    )


def test_communication_kit_is_public(db):
    assert not setup_collections()[COMMUNICATION_KIT].get_view_restrictions().exists()


def test_setup_collections_twice_keeps_one_restriction(db):
    setup_collections()

    attestations = setup_collections()[ATTESTATIONS]

    assert attestations.get_view_restrictions().count() == 1


def test_seeded_documents_know_their_size_and_hash(db):
    seed_documents()

    assert not get_document_model().objects.filter(file_size=None).exists()
    assert not get_document_model().objects.filter(file_hash="").exists()


def test_seeded_document_size_is_the_file_size(db):
    seed_documents()

    logo = get_document_model().objects.get(title="Logo DuoDay")
    assert logo.file_size == logo.file.size
