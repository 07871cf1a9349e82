"""The status badge's colour comes from the status enum, in one tag (`status_badge`, which
the offers' table writes once a row)."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from offers.enums import OfferStatus
from offers.models import Offer


def rendered_badge(offer):
    return Template("{% load offer_tags %}{% status_badge offer %}").render(
        Context({"offer": offer})
    )


@pytest.mark.parametrize(
    ("status", "badge_class"),
    [
        (OfferStatus.OPEN, "fr-badge--new"),
        (OfferStatus.IN_PROGRESS, "fr-badge--info"),
        (OfferStatus.FILLED, "fr-badge--success"),
    ],
)
def test_each_status_has_its_dsfr_badge(status, badge_class):
    badge = BeautifulSoup(rendered_badge(Offer(status=status)), "html.parser").p

    assert status.badge_class == badge_class
    assert badge["class"] == ["fr-badge", badge_class, "offer-status"]
    assert badge.get_text() == status.label


def test_every_status_has_a_badge():
    assert {status.badge_class for status in OfferStatus} <= {
        "fr-badge--new",
        "fr-badge--info",
        "fr-badge--success",
    }


def test_the_badge_is_one_paragraph_with_the_status_label():
    assert rendered_badge(Offer(status=OfferStatus.FILLED)) == (
        '<p class="fr-badge fr-badge--success offer-status">Concrétisée</p>'
    )
