from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from documents.resources import documents_for, may_see_restricted


@login_required
def personal_resources(request):
    """« Ressources Documentaires » of the personal space: every document the user may see.

    The documents restricted to participants wait for the coordination's validation of the
    structure (an employer uses the rest of its personal space before it): the page says so.
    """
    structure = request.user.structure
    return render(
        request,
        "documents/personal_resources.html",
        {
            "collections": documents_for(request.user),
            "active_tab": "resources",
            "awaiting_validation": structure is not None and not may_see_restricted(request.user),
        },
    )
