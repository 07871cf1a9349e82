from django.http import Http404
from wagtail import hooks

from documents.resources import may_see_restricted


@hooks.register("before_serve_document")
def refuse_restricted_documents_to_unvalidated_accounts(document, request):
    """Wagtail's login restriction lets any logged-in user through; a restricted document is
    also refused to an account whose structure is not validated yet. (Visitors are sent to
    the login page by Wagtail's own check.)"""
    if not request.user.is_authenticated:
        return None
    if document.collection.get_view_restrictions().exists() and not may_see_restricted(
        request.user
    ):
        raise Http404
    return None
