"""Reading the pages of the offer tests: field errors, visible text, the portal's URLs."""

import re
from html import unescape

from django.urls import reverse

OFFER_PAGES = ["detail", "edit", "delete", "declare_interest", "withdraw_interest", "form_duo"]


def offer_url(name, offer):
    return reverse(f"offers:{name}", args=[offer.pk])


def field_errors(response, field_id):
    """The error messages shown right under the field whose HTML id is `field_id`."""
    content = response.content.decode()
    match = re.search(rf'<div[^>]*id="{re.escape(field_id)}-error"[^>]*>(.*?)</div>', content, re.S)
    if match is None:
        return []
    return [unescape(text) for text in re.findall(r"<p[^>]*>(.*?)</p>", match.group(1), re.S)]


def listed_titles(response):
    """The offer titles linked from a list page (employer or SA « Offres »)."""
    return [
        unescape(title)
        for title in re.findall(
            r'<a class="fr-link" href="/espace/offres/\d+/">([^<]*)</a>', response.content.decode()
        )
    ]


def card_titles(response):
    """The offer titles of the public search's result cards."""
    return [
        unescape(title)
        for title in re.findall(
            r'<h2 class="fr-card__title[^"]*">(?:<a [^>]*>)?([^<]*)(?:</a>)?</h2>',
            response.content.decode(),
        )
    ]
