"""The offer workflow (`offers.workflow`): every transition, who hears of it by e-mail, and
every refusal."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from directory.models import Department
from offers import workflow
from offers.enums import OfferStatus
from offers.models import Duo, Edition, Interest, Offer
from tests.factories import (
    DuoFactory,
    EditionFactory,
    InterestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db


def reload(offer):
    return Offer.objects.get(pk=offer.pk)


def form_duo(offer, referent, first_name="Léa", last_name="Durand"):
    return workflow.form_duo(offer, referent.structure, referent, first_name, last_name)


def move_to_the_past(edition):
    """The edition's DuoDay week ended yesterday."""
    edition.duoday_date = timezone.localdate() - datetime.timedelta(days=1)
    edition.week_start = edition.duoday_date - datetime.timedelta(days=6)
    edition.week_end = edition.duoday_date
    edition.registration_opens = edition.duoday_date - datetime.timedelta(days=60)
    edition.registration_closes = edition.duoday_date - datetime.timedelta(days=7)
    edition.save()


# Editions


def test_two_current_editions_violate_the_database_constraint(current_edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionFactory(is_current=True, year=current_edition.year + 1)


# 1. Adding an offer


def test_create_offer_saves_a_non_concretisee_offer(employer, current_edition):
    new_offer = OfferFactory.build(
        structure=employer.structure, referent=employer, edition=current_edition
    )

    workflow.create_offer(new_offer)

    assert reload(new_offer).status == OfferStatus.OPEN


def test_create_offer_emails_the_offer_referent(
    employer, current_edition, run_on_commit, mailoutbox
):
    new_offer = OfferFactory.build(
        structure=employer.structure,
        referent=employer,
        edition=current_edition,
        title="Aide-pâtissier",
    )

    run_on_commit(workflow.create_offer, new_offer)

    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["camille.martin@dupain.fr"], "[DuoDay] Votre offre « Aide-pâtissier » est publiée")
    ]


def test_create_offer_in_a_past_edition_is_refused(employer, past_edition):
    new_offer = OfferFactory.build(
        structure=employer.structure, referent=employer, edition=past_edition
    )

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        workflow.create_offer(new_offer)

    assert not Offer.objects.filter(structure=employer.structure).exists()


# 2. Declaring and withdrawing interest


def test_declare_interest_puts_the_offer_en_cours(offer, support_referent):
    workflow.declare_interest(offer, support_referent.structure, support_referent)

    assert reload(offer).status == OfferStatus.IN_PROGRESS


def test_declare_interest_emails_the_offer_referent_with_the_sa_name_and_message(
    offer, support_referent, run_on_commit, mailoutbox
):
    run_on_commit(
        workflow.declare_interest,
        offer,
        support_referent.structure,
        support_referent,
        "Nous accompagnons une personne passionnée de boulangerie.",
    )

    [message] = mailoutbox
    assert message.to == ["camille.martin@dupain.fr"]
    assert message.subject == (
        "[DuoDay] Une structure accompagnante s'intéresse à « Vendeur en boulangerie »"
    )
    assert "ESAT Les Ateliers" in message.body
    assert "Nous accompagnons une personne passionnée de boulangerie." in message.body


def test_declare_interest_records_the_message_and_the_referent(offer, support_referent):
    interest = workflow.declare_interest(
        offer, support_referent.structure, support_referent, "Bonjour !"
    )

    assert (interest.structure, interest.user, interest.message) == (
        support_referent.structure,
        support_referent,
        "Bonjour !",
    )


def test_declaring_interest_twice_is_refused(offer, support_referent):
    workflow.declare_interest(offer, support_referent.structure, support_referent)

    with pytest.raises(workflow.InvalidTransition, match="déjà déclaré votre intérêt"):
        workflow.declare_interest(offer, support_referent.structure, support_referent)


def test_withdrawing_the_last_interest_returns_the_offer_to_non_concretisee(
    offer, support_referent
):
    workflow.declare_interest(offer, support_referent.structure, support_referent)

    workflow.withdraw_interest(offer, support_referent.structure)

    assert reload(offer).status == OfferStatus.OPEN
    assert not offer.interests.exists()


def test_withdrawing_one_of_two_interests_keeps_the_offer_en_cours(
    offer, support_referent, other_support_referent
):
    workflow.declare_interest(offer, support_referent.structure, support_referent)
    workflow.declare_interest(offer, other_support_referent.structure, other_support_referent)

    workflow.withdraw_interest(offer, support_referent.structure)

    assert reload(offer).status == OfferStatus.IN_PROGRESS


def test_withdrawing_interest_emails_the_offer_referent(
    offer, support_referent, run_on_commit, mailoutbox
):
    workflow.declare_interest(offer, support_referent.structure, support_referent)

    run_on_commit(workflow.withdraw_interest, offer, support_referent.structure)

    assert [(message.to, message.subject) for message in mailoutbox] == [
        (
            ["camille.martin@dupain.fr"],
            "[DuoDay] Une structure accompagnante a retiré son intérêt pour "
            "« Vendeur en boulangerie »",
        )
    ]


def test_withdrawing_an_interest_never_declared_is_refused(offer, support_referent):
    with pytest.raises(workflow.InvalidTransition, match="pas déclaré d’intérêt"):
        workflow.withdraw_interest(offer, support_referent.structure)


# 3. Forming the duo


def test_form_duo_makes_the_offer_concretisee(offer, support_referent):
    form_duo(offer, support_referent)

    assert reload(offer).status == OfferStatus.FILLED


def test_form_duo_stores_only_the_persons_first_and_last_name(offer, support_referent):
    duo = form_duo(offer, support_referent, "  Léa ", " Durand ")

    assert (duo.person_first_name, duo.person_last_name, duo.structure) == (
        "Léa",
        "Durand",
        support_referent.structure,
    )


def test_form_duo_emails_the_offer_referent(offer, support_referent, run_on_commit, mailoutbox):
    run_on_commit(form_duo, offer, support_referent)

    [message] = mailoutbox
    assert message.to == ["camille.martin@dupain.fr"]
    assert message.subject == "[DuoDay] Le duo est constitué pour « Vendeur en boulangerie »"
    assert "Léa Durand" in message.body


def test_form_duo_tells_the_other_interested_sas_the_offer_is_filled(
    offer, support_referent, other_support_referent, run_on_commit, mailoutbox
):
    workflow.declare_interest(offer, support_referent.structure, support_referent)
    workflow.declare_interest(offer, other_support_referent.structure, other_support_referent)

    run_on_commit(form_duo, offer, support_referent)

    assert [(message.to, message.subject) for message in mailoutbox] == [
        (
            ["camille.martin@dupain.fr"],
            "[DuoDay] Le duo est constitué pour « Vendeur en boulangerie »",
        ),
        (
            ["dominique.petit@capemploi69.fr"],
            "[DuoDay] L'offre « Vendeur en boulangerie » est pourvue",
        ),
    ]


def test_a_second_form_duo_is_refused_with_a_clear_message(
    offer, support_referent, other_support_referent
):
    form_duo(offer, support_referent)

    with pytest.raises(
        workflow.InvalidTransition,
        match="Une autre structure accompagnante vient de constituer le duo",
    ):
        form_duo(offer, other_support_referent)

    assert Duo.objects.filter(offer=offer).count() == 1


def test_the_database_refuses_two_active_duos_for_one_offer(offer, support_referent):
    DuoFactory(offer=offer)

    with pytest.raises(IntegrityError), transaction.atomic():
        Duo.objects.create(
            offer=offer,
            structure=support_referent.structure,
            person_first_name="Léa",
            person_last_name="Durand",
        )


def test_a_cancelled_duo_leaves_room_for_a_new_one(offer, support_referent):
    DuoFactory(offer=offer, cancelled=True)

    form_duo(offer, support_referent)

    assert offer.duos.filter(cancelled_at__isnull=True).count() == 1


def test_declaring_interest_in_a_concretisee_offer_is_refused(offer, support_referent):
    DuoFactory(offer=offer)

    with pytest.raises(workflow.InvalidTransition, match="déjà concrétisée"):
        workflow.declare_interest(offer, support_referent.structure, support_referent)


# 4. Cancelling the duo, deleting the offer


def test_cancel_duo_returns_the_offer_to_en_cours_and_keeps_the_interests(
    offer, support_referent, other_support_referent
):
    workflow.declare_interest(offer, other_support_referent.structure, other_support_referent)
    duo = form_duo(offer, support_referent)

    workflow.cancel_duo(duo, support_referent.structure)

    assert reload(offer).status == OfferStatus.IN_PROGRESS
    assert set(offer.interests.values_list("structure_id", flat=True)) == {
        support_referent.structure.pk,
        other_support_referent.structure.pk,
    }


def test_cancel_duo_marks_the_duo_cancelled(offer, support_referent):
    duo = form_duo(offer, support_referent)

    workflow.cancel_duo(duo, support_referent.structure)

    duo.refresh_from_db()
    assert duo.cancelled_at is not None


def test_cancel_duo_emails_the_offer_referent_and_the_sa(
    offer, support_referent, run_on_commit, mailoutbox
):
    duo = form_duo(offer, support_referent)

    run_on_commit(workflow.cancel_duo, duo, support_referent.structure)

    subject = "[DuoDay] Le duo pour « Vendeur en boulangerie » est annulé"
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (["camille.martin@dupain.fr"], subject),
        (["sacha.bernard@ateliers.fr"], subject),
    ]


def test_an_sa_cannot_cancel_another_sas_duo(offer, support_referent, other_support_referent):
    duo = form_duo(offer, support_referent)

    with pytest.raises(workflow.InvalidTransition, match="Seule la structure qui a constitué"):
        workflow.cancel_duo(duo, other_support_referent.structure)

    duo.refresh_from_db()
    assert duo.cancelled_at is None


def test_cancelling_a_cancelled_duo_is_refused(offer, support_referent):
    duo = form_duo(offer, support_referent)
    workflow.cancel_duo(duo, support_referent.structure)

    with pytest.raises(workflow.InvalidTransition):
        workflow.cancel_duo(duo, support_referent.structure)


def test_the_employer_deletes_a_non_concretisee_offer(offer, employer):
    workflow.delete_offer(offer, employer.structure)

    assert not Offer.objects.filter(pk=offer.pk).exists()


def test_the_employer_deletes_an_en_cours_offer(offer, employer):
    InterestFactory(offer=offer)

    workflow.delete_offer(offer, employer.structure)

    assert not Offer.objects.filter(pk=offer.pk).exists()


def test_deleting_an_offer_emails_the_interested_sas(
    offer, employer, support_referent, other_support_referent, run_on_commit, mailoutbox
):
    workflow.declare_interest(offer, support_referent.structure, support_referent)
    workflow.declare_interest(offer, other_support_referent.structure, other_support_referent)

    run_on_commit(workflow.delete_offer, offer, employer.structure)

    subject = "[DuoDay] L'offre « Vendeur en boulangerie » a été supprimée"
    assert sorted((message.to, message.subject) for message in mailoutbox) == [
        (["dominique.petit@capemploi69.fr"], subject),
        (["sacha.bernard@ateliers.fr"], subject),
    ]


def test_deleting_an_offer_nobody_answered_sends_no_email(
    offer, employer, run_on_commit, mailoutbox
):
    run_on_commit(workflow.delete_offer, offer, employer.structure)

    assert mailoutbox == []


def test_the_employer_cannot_delete_a_concretisee_offer(offer, employer):
    DuoFactory(offer=offer)

    with pytest.raises(
        workflow.InvalidTransition, match="seule la structure accompagnante peut la supprimer"
    ):
        workflow.delete_offer(offer, employer.structure)

    assert Offer.objects.filter(pk=offer.pk).exists()


def test_the_sa_that_formed_the_duo_deletes_the_offer(offer, support_referent):
    form_duo(offer, support_referent)

    workflow.delete_offer(offer, support_referent.structure)

    assert not Offer.objects.filter(pk=offer.pk).exists()
    assert not Duo.objects.filter(offer_id=offer.pk).exists()


def test_the_sa_deleting_its_duos_offer_emails_the_offer_referent(
    offer, support_referent, run_on_commit, mailoutbox
):
    form_duo(offer, support_referent)

    run_on_commit(workflow.delete_offer, offer, support_referent.structure)

    assert [(message.to, message.subject) for message in mailoutbox] == [
        (
            ["camille.martin@dupain.fr"],
            "[DuoDay] L'offre « Vendeur en boulangerie » a été supprimée",
        )
    ]


def test_another_sa_cannot_delete_a_concretisee_offer(
    offer, support_referent, other_support_referent
):
    form_duo(offer, support_referent)

    with pytest.raises(workflow.InvalidTransition):
        workflow.delete_offer(offer, other_support_referent.structure)

    assert Offer.objects.filter(pk=offer.pk).exists()


def test_an_sa_cannot_delete_an_open_offer(offer, support_referent):
    with pytest.raises(workflow.InvalidTransition, match="Seul l’employeur de l’offre"):
        workflow.delete_offer(offer, support_referent.structure)

    assert Offer.objects.filter(pk=offer.pk).exists()


def test_another_employer_cannot_delete_the_offer(offer):
    other_employer = StructureFactory()

    with pytest.raises(workflow.InvalidTransition, match="Seul l’employeur de l’offre"):
        workflow.delete_offer(offer, other_employer)

    assert Offer.objects.filter(pk=offer.pk).exists()


# 5. Editing


def test_update_offer_saves_the_employers_changes_and_keeps_the_status(offer, employer):
    InterestFactory(offer=offer)
    offer.refresh_from_db()
    offer.title = "Vendeur en boulangerie (matin)"

    workflow.update_offer(offer, employer.structure)

    assert (reload(offer).title, reload(offer).status) == (
        "Vendeur en boulangerie (matin)",
        OfferStatus.IN_PROGRESS,
    )


def test_an_sa_cannot_edit_an_offer(offer, support_referent):
    offer.title = "Changé par une SA"

    with pytest.raises(workflow.InvalidTransition, match="Seul l’employeur de l’offre"):
        workflow.update_offer(offer, support_referent.structure)

    assert reload(offer).title == "Vendeur en boulangerie"


def test_another_employer_cannot_edit_the_offer(offer):
    offer.title = "Changé par un autre employeur"

    with pytest.raises(workflow.InvalidTransition):
        workflow.update_offer(offer, StructureFactory())

    assert reload(offer).title == "Vendeur en boulangerie"


# Refusals: wrong role, department, validation, edition


def test_an_employer_cannot_declare_interest(offer, employer):
    with pytest.raises(workflow.InvalidTransition, match="structure accompagnante validée"):
        workflow.declare_interest(offer, employer.structure, employer)

    assert not Interest.objects.exists()


def test_an_employer_cannot_form_a_duo(offer, employer):
    with pytest.raises(workflow.InvalidTransition, match="structure accompagnante validée"):
        form_duo(offer, employer)

    assert reload(offer).status == OfferStatus.OPEN


def test_an_sa_of_another_department_cannot_declare_interest(offer):
    parisian_sa = ReferentFactory(
        structure=StructureFactory(support=True, validated=True, served_departments=["75"])
    )

    with pytest.raises(workflow.InvalidTransition, match="département que vous couvrez"):
        workflow.declare_interest(offer, parisian_sa.structure, parisian_sa)

    assert not Interest.objects.exists()


def test_an_sa_of_another_department_cannot_form_the_duo(offer):
    parisian_sa = ReferentFactory(
        structure=StructureFactory(support=True, validated=True, served_departments=["75"])
    )

    with pytest.raises(workflow.InvalidTransition, match="département que vous couvrez"):
        form_duo(offer, parisian_sa)

    assert not Duo.objects.exists()


def test_an_unvalidated_sa_cannot_declare_interest(offer):
    pending_sa = ReferentFactory(
        structure=StructureFactory(support=True, postcode="69001", served_departments=["69"])
    )

    with pytest.raises(workflow.InvalidTransition, match="structure accompagnante validée"):
        workflow.declare_interest(offer, pending_sa.structure, pending_sa)

    assert not Interest.objects.exists()


def test_an_unvalidated_sa_cannot_form_the_duo(offer):
    pending_sa = ReferentFactory(
        structure=StructureFactory(support=True, postcode="69001", served_departments=["69"])
    )

    with pytest.raises(workflow.InvalidTransition, match="structure accompagnante validée"):
        form_duo(offer, pending_sa)

    assert not Duo.objects.exists()


def test_declaring_interest_once_the_edition_is_past_is_refused(
    offer, support_referent, current_edition
):
    move_to_the_past(current_edition)

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        workflow.declare_interest(offer, support_referent.structure, support_referent)


def test_forming_a_duo_once_the_edition_is_past_is_refused(
    offer, support_referent, current_edition
):
    move_to_the_past(current_edition)

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        form_duo(offer, support_referent)

    assert reload(offer).status == OfferStatus.OPEN


def test_withdrawing_interest_once_the_edition_is_past_is_refused(
    offer, support_referent, current_edition
):
    workflow.declare_interest(offer, support_referent.structure, support_referent)
    move_to_the_past(current_edition)

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        workflow.withdraw_interest(offer, support_referent.structure)


def test_cancelling_a_duo_once_the_edition_is_past_is_refused(
    offer, support_referent, current_edition
):
    duo = form_duo(offer, support_referent)
    move_to_the_past(current_edition)

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        workflow.cancel_duo(duo, support_referent.structure)


def test_editing_an_offer_once_the_edition_is_past_is_refused(offer, employer, current_edition):
    move_to_the_past(current_edition)
    offer.refresh_from_db()
    offer.title = "Trop tard"

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        workflow.update_offer(offer, employer.structure)


def test_deleting_an_offer_once_the_edition_is_past_is_refused(offer, employer, current_edition):
    move_to_the_past(current_edition)

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        workflow.delete_offer(offer, employer.structure)

    assert Offer.objects.filter(pk=offer.pk).exists()


def test_email_subject_shows_an_apostrophe_as_typed(
    offer, support_referent, run_on_commit, mailoutbox
):
    offer.title = "Agent d'accueil"
    offer.save()

    run_on_commit(workflow.declare_interest, offer, support_referent.structure, support_referent)

    assert mailoutbox[-1].subject.endswith("« Agent d'accueil »")


def test_update_emails_the_interested_sas(offer, support_referent, run_on_commit, mailoutbox):
    run_on_commit(workflow.declare_interest, offer, support_referent.structure, support_referent)
    mailoutbox.clear()
    offer.schedule = "10 h – 15 h"

    run_on_commit(workflow.update_offer, offer, offer.structure)

    [message] = mailoutbox
    assert support_referent.email in message.to
    assert "a été modifiée" in message.subject


def test_update_refuses_a_new_department_once_an_sa_is_interested(offer, support_referent):
    workflow.declare_interest(offer, support_referent.structure, support_referent)
    offer.department = Department.objects.get(code="75")

    with pytest.raises(workflow.InvalidTransition, match="département ne peut plus changer"):
        workflow.update_offer(offer, offer.structure)


def test_cancel_duo_tells_the_other_interested_sas_the_offer_is_open_again(
    offer, support_referent, other_support_referent, run_on_commit, mailoutbox
):
    workflow.declare_interest(offer, other_support_referent.structure, other_support_referent)
    duo = workflow.form_duo(offer, support_referent.structure, support_referent, "Léa", "Roux")
    mailoutbox.clear()

    run_on_commit(workflow.cancel_duo, duo, support_referent.structure)

    recipients = {address for message in mailoutbox for address in message.to}
    assert other_support_referent.email in recipients


def test_an_edition_is_past_once_its_week_has_ended_not_its_duoday(current_edition):
    today = timezone.localdate()
    current_edition.duoday_date = today - datetime.timedelta(days=1)
    current_edition.week_start = today - datetime.timedelta(days=2)
    current_edition.week_end = today
    current_edition.save()

    assert not current_edition.is_past
    assert not Edition.objects.past().filter(pk=current_edition.pk).exists()

    current_edition.week_end = today - datetime.timedelta(days=1)
    current_edition.save()

    assert current_edition.is_past
    assert Edition.objects.past().filter(pk=current_edition.pk).exists()
