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


def documents_for(user):
    """The documents `user` may see (public ones only for a visitor), by collection."""
    documents = get_document_model().objects.select_related("collection")
    restricted = restricted_collection_ids()
    if user.is_authenticated:
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
