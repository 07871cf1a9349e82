"""`manage.py send_reminders`: an offer « En cours » for 14 days without a duo, employers with
offers « Non concrétisée » three weeks before the DuoDay; each reminder sent once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from offers import reminders
from offers.enums import OfferStatus, ReminderKind
from offers.models import Offer, Reminder
from tests.factories import DuoFactory, InterestFactory, OfferFactory, ReferentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the reminders at `now` as the daily command does, e-mails sent on commit."""

    def run(now=None):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.send_due_reminders(now)

    return run


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def at_noon(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))


def recipients(mailoutbox):
    return sorted(address for message in mailoutbox for address in message.to)


# --- « En cours » for 14 days without a duo ----------------------------------------------


@pytest.fixture
def waiting_offer(offer, support_referent, other_support_referent):
    """The offer « En cours » since two SAs declared interest 15 and 3 days ago."""
    InterestFactory(
        offer=offer,
        structure=support_referent.structure,
        user=support_referent,
        created_at=days_ago(15),
    )
    InterestFactory(
        offer=offer,
        structure=other_support_referent.structure,
        user=other_support_referent,
        created_at=days_ago(3),
    )
    offer.refresh_from_db()
    return offer


def test_an_offer_en_cours_for_14_days_reminds_its_referent_and_each_interested_sa_referent(
    run, waiting_offer, support_referent, mailoutbox
):
    colleague = ReferentFactory(structure=support_referent.structure, email="alix@ateliers.fr")
    ReferentFactory(structure=support_referent.structure, is_active=False)

    sent = run()

    assert sent[ReminderKind.OFFER_WITHOUT_DUO] == 1
    assert [message.to for message in mailoutbox] == [
        ["camille.martin@dupain.fr"],
        ["sacha.bernard@ateliers.fr"],
        [colleague.email],
        ["dominique.petit@capemploi69.fr"],
    ]


def test_the_employers_reminder_names_the_interested_sas_and_links_to_the_offer(
    run, waiting_offer, mailoutbox
):
    run()

    message = mailoutbox[0]
    assert message.subject == "[DuoDay] Votre offre « Vendeur en boulangerie » attend son duo"
    assert "ESAT Les Ateliers" in message.body
    assert "Cap Emploi Rhône" in message.body
    assert f"http://testserver/espace/offres/{waiting_offer.pk}/" in message.body


def test_the_sas_reminder_tells_how_to_form_the_duo_or_withdraw(run, waiting_offer, mailoutbox):
    run()

    message = mailoutbox[1]
    assert "« Vendeur en boulangerie »" in message.subject
    assert "« Constituer le duo »" in message.body
    assert "« Retirer mon intérêt »" in message.body
    assert "camille.martin@dupain.fr" in message.body


def test_the_offer_reminder_is_sent_once_over_two_runs(run, waiting_offer, mailoutbox):
    run()
    count = len(mailoutbox)

    sent = run()

    assert sent[ReminderKind.OFFER_WITHOUT_DUO] == 0
    assert len(mailoutbox) == count
    assert Reminder.objects.filter(offer=waiting_offer).count() == 1


def test_two_runs_that_both_found_the_offer_due_send_once(
    run, waiting_offer, mailoutbox, monkeypatch
):
    """The second run computed its list before the first recorded: the database refuses."""
    monkeypatch.setattr(
        reminders,
        "offers_in_progress_without_duo",
        lambda now: Offer.objects.filter(pk=waiting_offer.pk),
    )
    run()
    count = len(mailoutbox)

    sent = run()

    assert sent[ReminderKind.OFFER_WITHOUT_DUO] == 0
    assert len(mailoutbox) == count


def test_no_reminder_before_14_days(run, offer, support_referent, mailoutbox):
    InterestFactory(offer=offer, structure=support_referent.structure, created_at=days_ago(13))

    run()

    assert mailoutbox == []
    assert not Reminder.objects.exists()


def test_no_reminder_once_the_duo_is_formed(run, waiting_offer, support_referent, mailoutbox):
    DuoFactory(offer=waiting_offer, structure=support_referent.structure)

    run()

    assert mailoutbox == []


def test_a_cancelled_duo_leaves_the_offer_en_cours_and_reminded(
    run, waiting_offer, other_support_referent, mailoutbox
):
    DuoFactory(offer=waiting_offer, structure=other_support_referent.structure, cancelled=True)

    run()

    assert Reminder.objects.filter(offer=waiting_offer).count() == 1


def test_no_reminder_for_a_past_editions_offer(
    run, employer, support_referent, past_edition, mailoutbox
):
    past_offer = OfferFactory(structure=employer.structure, referent=employer, edition=past_edition)
    InterestFactory(offer=past_offer, structure=support_referent.structure, created_at=days_ago(30))

    run()

    assert Offer.objects.get(pk=past_offer.pk).status == OfferStatus.IN_PROGRESS
    assert mailoutbox == []


def test_no_reminder_once_the_offers_day_has_passed(run, waiting_offer, mailoutbox):
    run(now=at_noon(waiting_offer.date + datetime.timedelta(days=1)))

    assert not Reminder.objects.filter(offer=waiting_offer).exists()


# --- Three weeks before the DuoDay: offers still « Non concrétisée » ----------------------


@pytest.fixture
def duoday(current_edition):
    return current_edition.duoday_date


def test_three_weeks_before_the_duoday_each_employer_referent_is_reminded_once(
    run, duoday, employer, offer, mailoutbox
):
    colleague = ReferentFactory(structure=employer.structure, email="dominique@dupain.fr")
    ReferentFactory(structure=employer.structure, is_active=False)

    sent = run(now=at_noon(duoday - datetime.timedelta(weeks=3)))

    assert sent[ReminderKind.OPEN_OFFERS_BEFORE_DUODAY] == 1
    assert recipients(mailoutbox) == sorted(["camille.martin@dupain.fr", colleague.email])


def test_the_three_weeks_reminder_lists_the_offers_and_links_to_the_sa_directory(
    run, duoday, employer, offer, mailoutbox
):
    OfferFactory(structure=employer.structure, referent=employer, title="Livreur")

    run(now=at_noon(duoday - datetime.timedelta(days=20)))

    [message] = mailoutbox
    assert "2 offres attendent une structure accompagnante" in message.subject
    assert "Vendeur en boulangerie" in message.body
    assert "Livreur" in message.body
    assert "« Annuaire des SA »" in message.body
    assert "http://testserver/espace/annuaire/" in message.body
    assert "http://testserver/espace/offres/?status=non_concretisee" in message.body


def test_the_three_weeks_reminder_is_sent_once_over_two_runs(
    run, duoday, employer, offer, mailoutbox
):
    run(now=at_noon(duoday - datetime.timedelta(days=21)))
    run(now=at_noon(duoday - datetime.timedelta(days=10)))

    assert len(mailoutbox) == 1
    assert Reminder.objects.filter(structure=employer.structure).count() == 1


@pytest.mark.parametrize("days_before", [22, 0, -1])
def test_no_three_weeks_reminder_outside_its_window(
    run, duoday, employer, offer, mailoutbox, days_before
):
    run(now=at_noon(duoday - datetime.timedelta(days=days_before)))

    assert mailoutbox == []


def test_no_three_weeks_reminder_for_an_employer_whose_offers_all_have_an_answer(
    run, duoday, employer, offer, support_referent, mailoutbox
):
    InterestFactory(offer=offer, structure=support_referent.structure)

    sent = run(now=at_noon(duoday - datetime.timedelta(days=21)))

    assert sent[ReminderKind.OPEN_OFFERS_BEFORE_DUODAY] == 0
    assert not Reminder.objects.filter(kind=ReminderKind.OPEN_OFFERS_BEFORE_DUODAY).exists()


def test_no_three_weeks_reminder_for_a_past_editions_open_offer(
    run, duoday, employer, past_edition, mailoutbox
):
    OfferFactory(structure=employer.structure, referent=employer, edition=past_edition)

    run(now=at_noon(duoday - datetime.timedelta(days=21)))

    assert mailoutbox == []


def test_the_command_says_how_many_reminders_it_sent(
    waiting_offer, capsys, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")

    assert capsys.readouterr().out.startswith("1 offre(s) « En cours » sans duo rappelée(s) ; 0 ")
    assert len(mailoutbox) == 3
