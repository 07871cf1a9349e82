"""Helpers shared by the directory tests: logging in, reading e-mails and field errors."""

import re
from html import unescape

from tests.factories import DEFAULT_PASSWORD

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


def field_errors(response, field_id):
    """The error messages shown right under the field whose HTML id is `field_id`."""
    content = response.content.decode()
    match = re.search(rf'<div[^>]*id="{re.escape(field_id)}-error"[^>]*>(.*?)</div>', content, re.S)
    if match is None:
        return []
    return [unescape(text) for text in re.findall(r"<p[^>]*>(.*?)</p>", match.group(1), re.S)]


def page_text(response):
    """The response's HTML with entities decoded, to look for French sentences."""
    return unescape(response.content.decode())
