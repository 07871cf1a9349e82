"""Who hears of each transition (`offers.notifications`): the current parties only, one
message per recipient, so that no structure sees another's addresses."""

import pytest

from offers import workflow
from tests.factories import ReferentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_support_referent(support_referent):
    """A second active referent of « ESAT Les Ateliers »."""
    return ReferentFactory(structure=support_referent.structure, email="lou.garnier@ateliers.fr")


def sent(mailoutbox):
    """(recipient, subject) of each message; each message has exactly one recipient."""
    assert all(
        len(message.to) == 1 and not message.cc and not message.bcc for message in mailoutbox
    )
    return sorted((message.to[0], message.subject) for message in mailoutbox)


def interested(offer, *referents):
    for referent in referents:
        workflow.declare_interest(offer, referent.structure, referent)


def form_duo(offer, referent):
    return workflow.form_duo(offer, referent.structure, referent, "Léa", "Durand")


EMPLOYER = "camille.martin@dupain.fr"
ATELIERS = "sacha.bernard@ateliers.fr"
ATELIERS_2 = "lou.garnier@ateliers.fr"
CAP_EMPLOI = "dominique.petit@capemploi69.fr"
TITLE = "« Vendeur en boulangerie »"


def test_another_referent_of_the_employer_does_not_hear_of_the_offer(
    offer, employer, support_referent, run_on_commit, mailoutbox
):
    ReferentFactory(structure=employer.structure, email="autre@dupain.fr")

    run_on_commit(interested, offer, support_referent)

    assert [to for to, _subject in sent(mailoutbox)] == [EMPLOYER]


def test_interest_withdrawn_goes_to_the_offer_referent_only(
    offer, support_referent, other_support_referent, run_on_commit, mailoutbox
):
    interested(offer, support_referent, other_support_referent)

    run_on_commit(workflow.withdraw_interest, offer, support_referent.structure)

    assert [to for to, _subject in sent(mailoutbox)] == [EMPLOYER]


def test_duo_formed_sends_one_message_to_each_referent_of_the_other_sas(
    offer,
    support_referent,
    other_support_referent,
    second_support_referent,
    run_on_commit,
    mailoutbox,
):
    cap_emploi_2 = ReferentFactory(structure=other_support_referent.structure)
    interested(offer, support_referent, other_support_referent)

    run_on_commit(form_duo, offer, support_referent)

    filled = f"[DuoDay] L'offre {TITLE} est pourvue"
    assert sent(mailoutbox) == sorted(
        [
            (EMPLOYER, f"[DuoDay] Le duo est constitué pour {TITLE}"),
            (CAP_EMPLOI, filled),
            (cap_emploi_2.email, filled),
        ]
    )


def test_offer_updated_goes_to_each_referent_of_each_interested_sa(
    offer,
    support_referent,
    other_support_referent,
    second_support_referent,
    run_on_commit,
    mailoutbox,
):
    interested(offer, support_referent, other_support_referent)
    offer.address = "1 place Bellecour"

    run_on_commit(workflow.update_offer, offer, offer.structure)

    subject = f"[DuoDay] L'offre {TITLE} a été modifiée"
    assert sent(mailoutbox) == sorted(
        [(ATELIERS, subject), (ATELIERS_2, subject), (CAP_EMPLOI, subject)]
    )


def test_once_the_duo_is_formed_a_new_address_goes_to_its_sa_only(
    offer, support_referent, other_support_referent, run_on_commit, mailoutbox
):
    interested(offer, support_referent, other_support_referent)
    form_duo(offer, support_referent)
    offer.refresh_from_db()
    offer.address = "1 place Bellecour"

    run_on_commit(workflow.update_offer, offer, offer.structure)

    assert sent(mailoutbox) == [(ATELIERS, f"[DuoDay] L'offre {TITLE} a été modifiée")]
    assert "1 place Bellecour" in mailoutbox[0].body


def test_offer_updated_skips_deactivated_referents(
    offer, support_referent, second_support_referent, run_on_commit, mailoutbox
):
    interested(offer, support_referent)
    second_support_referent.is_active = False
    second_support_referent.save()

    run_on_commit(workflow.update_offer, offer, offer.structure)

    assert [to for to, _subject in sent(mailoutbox)] == [ATELIERS]


def test_duo_cancelled_tells_the_parties_apart_and_names_the_sa_to_the_employer_only(
    offer, support_referent, other_support_referent, run_on_commit, mailoutbox
):
    interested(offer, other_support_referent)
    duo = form_duo(offer, support_referent)

    run_on_commit(workflow.cancel_duo, duo, support_referent.structure)

    cancelled = f"[DuoDay] Le duo pour {TITLE} est annulé"
    assert sent(mailoutbox) == [
        (EMPLOYER, cancelled),
        (CAP_EMPLOI, f"[DuoDay] L'offre {TITLE} est de nouveau disponible"),
        (ATELIERS, cancelled),
    ]
    [reopened] = [message for message in mailoutbox if message.to == [CAP_EMPLOI]]
    assert "ESAT Les Ateliers" not in reopened.body


def test_deleted_by_the_employer_goes_to_each_referent_of_each_interested_sa(
    offer,
    employer,
    support_referent,
    other_support_referent,
    second_support_referent,
    run_on_commit,
    mailoutbox,
):
    interested(offer, support_referent, other_support_referent)

    run_on_commit(workflow.delete_offer, offer, employer.structure)

    subject = f"[DuoDay] L'offre {TITLE} a été supprimée"
    assert sent(mailoutbox) == sorted(
        [(ATELIERS, subject), (ATELIERS_2, subject), (CAP_EMPLOI, subject)]
    )


def test_deleted_by_the_sa_of_the_duo_goes_to_the_employer_only(
    offer, support_referent, other_support_referent, run_on_commit, mailoutbox
):
    interested(offer, other_support_referent)
    form_duo(offer, support_referent)

    run_on_commit(workflow.delete_offer, offer, support_referent.structure)

    assert sent(mailoutbox) == [(EMPLOYER, f"[DuoDay] L'offre {TITLE} a été supprimée")]
