"""The status badge's colour comes from the status enum, in one badge include."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from offers.enums import OfferStatus
from offers.models import Offer


@pytest.mark.parametrize(
    ("status", "badge_class"),
    [
        (OfferStatus.OPEN, "fr-badge--new"),
        (OfferStatus.IN_PROGRESS, "fr-badge--info"),
        (OfferStatus.FILLED, "fr-badge--success"),
    ],
)
def test_each_status_has_its_dsfr_badge(status, badge_class):
    badge = BeautifulSoup(
        render_to_string("offers/includes/status_badge.html", {"offer": Offer(status=status)}),
        "html.parser",
    ).p

    assert status.badge_class == badge_class
    assert badge["class"] == ["fr-badge", badge_class, "offer-status"]
    assert badge.get_text() == status.label


def test_every_status_has_a_badge():
    assert {status.badge_class for status in OfferStatus} <= {
        "fr-badge--new",
        "fr-badge--info",
        "fr-badge--success",
    }
