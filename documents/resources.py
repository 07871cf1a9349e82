"""Which documentary resources a visitor or a logged-in user may see.

A collection is restricted when it, or one of its ancestors, carries a Wagtail view
restriction (« Confidentialité » in the admin). Wagtail's document serve view enforces the
same restriction on download, whatever the URL.
"""

from itertools import groupby

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction


def restricted_collection_ids():
    restricted_paths = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not restricted_paths:
        return set()
    return {
        collection_id
        for collection_id, path in Collection.objects.values_list("id", "path")
        if any(path.startswith(restricted) for restricted in restricted_paths)
    }


def may_see_restricted(user):
    """Referents of a validated structure and staff; not a visitor, nor an account whose
    structure is still waiting for the coordination's validation."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.structure is not None:
        return user.structure.is_validated
    return user.has_perm("wagtailadmin.access_admin")


def documents_for(user):
    """The documents `user` may see (public ones only for a visitor), by collection."""
    documents = get_document_model().objects.select_related("collection")
    restricted = restricted_collection_ids()
    if may_see_restricted(user):
        documents = documents.all()
    else:
        documents = documents.exclude(collection_id__in=restricted)
    documents = documents.exclude(collection__depth=1).order_by("collection__path", "title")
    return [
        {
            "collection": collection,
            "is_restricted": collection.id in restricted,
            "documents": list(collection_documents),
        }
        for collection, collection_documents in groupby(documents, key=lambda d: d.collection)
    ]
