"""Visitors' public pages from the shared cache (Redis in production, local memory in
development and tests).

Only what a visitor without a session sees is stored: a GET of a Wagtail page (the public
site, the public search and its offer pages), answered 200, by a request without a session
or messages cookie, whose response sets no cookie (so no CSRF token was used: the contact
form is never stored) and is not private. Anyone with a session (a referent, an editor)
goes past the cache both ways: never served a stored page, never storing one.

Purging: every stored page's key carries a generation token; `purge()` replaces the token,
and every page stored before it is no longer found (Redis expires it later). The purges
are wired in the apps that own the data (home: Wagtail's publish, unpublish, move, delete
and the site settings; offers: offers, editions, interests, duos, structures) and called
by the bulk operations that send no signal. `ANONYMOUS_PAGE_CACHE_SECONDS` bounds
anything else (an edition's dates passing, for instance).
"""

import contextvars
import hashlib
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "anonymous-pages:generation"
# What one request has read of the shared cache (the generation), so that the footer's
# settings, the menu and the site each cost one round trip to Redis, not two.
_request_memo = contextvars.ContextVar("page_cache_request_memo", default=None)
CACHED_VIEW_NAMES = frozenset({"wagtail_serve"})
HIT_HEADER = "X-Page-Cache"


def cache_seconds():
    return getattr(settings, "ANONYMOUS_PAGE_CACHE_SECONDS", 300)


def purge():
    """Forget every stored page: now, and again once the current transaction commits (a
    visitor's request between the two would have stored the data before the change).

    The commit's purge once per transaction: a transition saves its interest then its
    offer, each sending its signal, and registered two identical commit purges (Django
    drops a pending one if its savepoint or the transaction rolls back: the next purge
    registers it again)."""
    _new_generation()
    connection = transaction.get_connection()
    if not (
        connection.in_atomic_block
        and any(callback[1] is _new_generation for callback in connection.run_on_commit)
    ):
        transaction.on_commit(_new_generation)


def _new_generation():
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    memo = _request_memo.get()
    if memo is not None:
        memo["generation"] = generation


def _generation():
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY)
    if memo is not None:
        memo["generation"] = generation
    return generation


def remember(name, compute):
    """`compute()`, kept in the shared cache until the next purge: what every page shows
    and changes with the site's content (the footer's settings, the menu), so that a
    logged-in person's page does not query it again each time."""
    key = f"anonymous-pages:{_generation()}:fragment:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, cache_seconds())
    return value


def site_for_request(request):
    """Wagtail's `Site.find_for_request`, from the shared cache: the site of the request's
    host and port (a query of about 3 ms of ORM on every page that shows the menu or the
    footer's settings), kept as `request._wagtail_site`, where Wagtail looks for it first.
    Saving or deleting a Site purges it (home/apps.py)."""
    if not hasattr(request, "_wagtail_site"):
        from wagtail.models import Site

        # The host as validated against ALLOWED_HOSTS, lower-cased: no key per spelling.
        host = f"{request.get_host().lower()}:{request.get_port()}"
        request._wagtail_site = remember(f"site:{host}", lambda: Site.find_for_request(request))
    return request._wagtail_site


def _is_anonymous_request(request):
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _key(request, generation):
    # The host too: Wagtail serves one tree per site.
    address = f"{request.get_host()}{request.get_full_path()}".encode()
    return f"anonymous-pages:{generation}:{request.method}:{hashlib.sha256(address).hexdigest()}"


def _may_store(request, response):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in CACHED_VIEW_NAMES:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def _mark_public(response):
    # Downstream caches: one copy per cookie (a session changes the page) and no reuse
    # without asking, since the purges happen here.
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, max_age=0)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request):
        if not _is_anonymous_request(request):
            return self.get_response(request)
        generation = _generation()
        key = _key(request, generation)
        stored = cache.get(key)
        if stored is not None:
            response = stored
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            _mark_public(response)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, cache_seconds())
            response[HIT_HEADER] = "miss"
        return response
