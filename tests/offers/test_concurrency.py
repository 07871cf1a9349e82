"""At most one duo per offer, even when two SAs submit « Constituer le duo » at the same
instant: the database has the last word and the loser gets a clear message.

Real concurrency needs real transactions and row locks, hence PostgreSQL; SQLite serialises
writers anyway. The test commits its data (transaction=True): pytest-django runs such tests
after the others and empties the database afterwards.
"""

import threading

import pytest
from django.db import connection

from offers import workflow
from offers.enums import OfferStatus
from offers.models import Duo, Offer
from tests.factories import EditionFactory, OfferFactory, ReferentFactory, StructureFactory

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and constraints"
    ),
]


def support_referent_of(name):
    structure = StructureFactory(
        support=True, validated=True, name=name, postcode="69001", served_departments=["69"]
    )
    return ReferentFactory(structure=structure)


def race_to_form_the_duo(offer, referents):
    """Each referent's thread calls `workflow.form_duo` at the same instant; returns what
    each thread got: the duo or the refusal."""
    barrier = threading.Barrier(len(referents))
    outcomes = {}

    def form_duo(referent):
        try:
            barrier.wait(timeout=10)
            outcomes[referent.pk] = workflow.form_duo(
                Offer.objects.get(pk=offer.pk),
                referent.structure,
                referent,
                "Léa",
                f"Durand {referent.pk}",
            )
        except Exception as refusal:  # the test inspects what was raised
            outcomes[referent.pk] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=form_duo, args=[referent]) for referent in referents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return list(outcomes.values())


def test_two_simultaneous_form_duo_make_exactly_one_duo():
    EditionFactory(current=True)
    offer = OfferFactory()
    referents = [support_referent_of("ESAT Les Ateliers"), support_referent_of("Cap Emploi")]

    outcomes = race_to_form_the_duo(offer, referents)

    duos = [outcome for outcome in outcomes if isinstance(outcome, Duo)]
    refusals = [outcome for outcome in outcomes if not isinstance(outcome, Duo)]
    assert len(duos) == 1
    assert [type(refusal) for refusal in refusals] == [workflow.InvalidTransition]
    assert "Une autre structure accompagnante vient de constituer le duo" in str(refusals[0])
    assert Duo.objects.filter(offer=offer).count() == 1
    assert Duo.objects.get(offer=offer).structure == duos[0].structure
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.FILLED
