"""Helpers shared by the directory tests: logging in, reading e-mails and field errors."""

import re
from html import unescape

from tests.factories import DEFAULT_PASSWORD
from tests.html_text import field_errors

__all__ = ["field_errors", "is_logged_in", "link_path", "login", "page_text"]

LINK = re.compile(r"http://testserver(/\S+)")


def login(client, email, password=DEFAULT_PASSWORD):
    """Log in through the real « Connexion » form (django-axes needs the request)."""
    return client.post("/connexion/", {"username": email, "password": password})


def is_logged_in(client):
    return "_auth_user_id" in client.session


def link_path(message):
    """The path of the first portal link in an e-mail."""
    match = LINK.search(message.body)
    assert match, f"no link in:\n{message.body}"
    return match.group(1)


def page_text(response):
    """The response's HTML with entities decoded, to look for French sentences."""
    return unescape(response.content.decode())
