"""Template filters of the offers' pages."""

from django import template

from offers.enums import OfferStatus

register = template.Library()


@register.filter
def status_badge_class(status):
    """The DSFR badge class of an offer's status (a value of `OfferStatus`)."""
    return OfferStatus(status).badge_class
