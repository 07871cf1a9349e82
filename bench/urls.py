"""The portal's URLs plus the stack's ceiling: the smallest Django view, through the same
middleware and gunicorn as the pages measured (bench/load.py). Not in portal/urls.py:
production never serves it."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def ceiling(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ceiling/", ceiling), *portal_urlpatterns]
