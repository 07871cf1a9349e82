"""The test suite's guard (tests/conftest.py): a `select_for_update()` joined to another
table without `of=` fails, because PostgreSQL would lock the joined rows too."""

import pytest
from django.db import transaction

from directory.models import User
from offers.models import Offer
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def lock(queryset):
    with transaction.atomic():
        return list(queryset)


def test_select_for_update_with_select_related_and_no_of_fails_the_test():
    OfferFactory()

    with pytest.raises(pytest.fail.Exception, match=r"joins \['offers_edition'\] without of="):
        lock(Offer.objects.select_for_update().select_related("edition"))


def test_select_for_update_filtering_across_a_relation_and_no_of_fails_the_test():
    OfferFactory()

    with pytest.raises(pytest.fail.Exception, match="without of="):
        lock(User.objects.select_for_update().filter(structure__kind="employer"))


def test_select_for_update_of_self_with_select_related_passes():
    offer = OfferFactory()

    locked = lock(Offer.objects.select_for_update(of=("self",)).select_related("edition"))

    assert locked == [offer]


def test_select_for_update_without_a_join_passes():
    offer = OfferFactory()

    assert lock(Offer.objects.select_for_update().filter(structure=offer.structure)) == [offer]


def test_a_join_without_select_for_update_passes():
    offer = OfferFactory()

    assert list(Offer.objects.select_related("edition")) == [offer]
