"""At most one duo per offer, even when two SAs submit « Constituer le duo » at the same
instant: the database has the last word and the loser gets a clear message. And a
transition locks its offer only: transitions on other offers do not wait for it.

Real concurrency needs real transactions and row locks, hence PostgreSQL; SQLite serialises
writers anyway. The test commits its data (transaction=True): pytest-django runs such tests
after the others and empties the database afterwards.
"""

import threading

import pytest
from django.db import connection, transaction

from offers import workflow
from offers.enums import OfferStatus
from offers.models import Duo, Interest, Offer
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


def test_transitions_on_two_offers_of_the_same_edition_do_not_wait_on_each_other():
    """A transition locks its offer only: while one holds offer A's lock, a transition on
    offer B of the same edition completes (it used to wait on the edition's row)."""
    EditionFactory(current=True)
    employer = ReferentFactory()
    offer_a = OfferFactory(structure=employer.structure, referent=employer)
    offer_b = OfferFactory(structure=employer.structure, referent=employer)
    sa_referent = support_referent_of("ESAT Les Ateliers")
    a_holds_its_lock = threading.Event()
    b_is_done = threading.Event()
    outcomes = {}

    def edit_offer_a_and_hold_the_lock():
        try:
            with transaction.atomic():
                workflow.update_offer(Offer.objects.get(pk=offer_a.pk), employer.structure)
                a_holds_its_lock.set()
                # Still inside A's transaction: its locks are held until B is done.
                outcomes["b_done_while_a_held_its_lock"] = b_is_done.wait(timeout=5)
        except Exception as error:  # the test inspects what was raised
            outcomes["a"] = error
        finally:
            a_holds_its_lock.set()
            connection.close()

    def declare_interest_in_offer_b():
        try:
            a_holds_its_lock.wait(timeout=10)
            outcomes["b"] = workflow.declare_interest(
                Offer.objects.get(pk=offer_b.pk), sa_referent.structure, sa_referent
            )
        except Exception as error:  # the test inspects what was raised
            outcomes["b"] = error
        finally:
            b_is_done.set()
            connection.close()

    threads = [
        threading.Thread(target=edit_offer_a_and_hold_the_lock),
        threading.Thread(target=declare_interest_in_offer_b),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not any(thread.is_alive() for thread in threads)
    assert "a" not in outcomes
    assert isinstance(outcomes["b"], Interest)
    assert outcomes["b_done_while_a_held_its_lock"] is True
    assert Offer.objects.get(pk=offer_b.pk).status == OfferStatus.IN_PROGRESS
