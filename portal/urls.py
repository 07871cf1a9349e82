from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from directory.views import personal_space

urlpatterns = [
    # Wagtail's collection forms, with the public or restricted choice (before its admin).
    path("admin/collections/", include("documents.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("directory.urls")),
    path("espace/", personal_space, name="personal_space"),
    path("espace/ressources/", include("documents.urls")),
    path("espace/", include("offers.urls")),
]

if settings.DEBUG:
    # Only images are public files; documents go through Wagtail's serve view, which
    # checks the collection's restriction. Never serve media/documents/ directly.
    for public_folder in ("images/", "original_images/"):
        urlpatterns += static(
            settings.MEDIA_URL + public_folder,
            document_root=settings.MEDIA_ROOT / public_folder,
        )

urlpatterns += [path("", include(wagtail_urls))]
