"""Template filters and tags of the offers' pages."""

from django import template
from django.utils.html import format_html

from offers.enums import OfferStatus

register = template.Library()


@register.filter
def status_badge_class(status):
    """The DSFR badge class of an offer's status (a value of `OfferStatus`)."""
    return OfferStatus(status).badge_class


@register.simple_tag
def status_badge(offer):
    """The offer's status as a DSFR badge: `<p class="fr-badge fr-badge--… offer-status">`.

    A tag rather than a template include: the offers' table writes one a row, and an
    include (with its `{% load %}`) cost more than the rest of the row.
    """
    status = OfferStatus(offer.status)
    return format_html(
        '<p class="fr-badge {} offer-status">{}</p>', status.badge_class, status.label
    )
