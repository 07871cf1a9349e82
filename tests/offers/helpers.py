"""Reading the pages of the offer tests: field errors, visible text, the portal's URLs."""

import re

from django.urls import reverse

from tests.html_text import field_errors, soup, text_of, texts

__all__ = ["OFFER_PAGES", "card_titles", "field_errors", "listed_titles", "offer_url"]

OFFER_PAGES = ["detail", "edit", "delete", "declare_interest", "withdraw_interest", "form_duo"]


def offer_url(name, offer):
    return reverse(f"offers:{name}", args=[offer.pk])


def listed_titles(response):
    """The offer titles linked from a list page (employer or SA « Offres »): the plain
    « fr-link » links to an offer's page."""
    return [
        text_of(link)
        for link in soup(response).find_all("a", href=re.compile(r"^/espace/offres/\d+/$"))
        if link.get("class") == ["fr-link"]
    ]


def card_titles(response):
    """The offer titles of the public search's result cards."""
    return texts(response, "h2.fr-card__title")
