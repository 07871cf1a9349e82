from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from documents.resources import documents_for


@login_required
def personal_resources(request):
    """« Ressources Documentaires » of the personal space: every document the user may see."""
    return render(
        request,
        "documents/personal_resources.html",
        {"collections": documents_for(request.user), "active_tab": "resources"},
    )
