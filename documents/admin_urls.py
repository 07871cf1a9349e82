"""Wagtail's collection form views, replaced at their own addresses (see admin_views.py);
included before Wagtail's admin, as its own views are: for admin users only."""

from django.urls import path
from wagtail.admin.auth import require_admin_access

from documents.admin_views import CollectionCreateView, CollectionEditView

app_name = "documents_admin"
urlpatterns = [
    path("add/", require_admin_access(CollectionCreateView.as_view()), name="collection_add"),
    path("<int:pk>/", require_admin_access(CollectionEditView.as_view()), name="collection_edit"),
]
