"""Reminder e-mails, each sent once: `manage.py send_reminders`, run daily.

- An offer « En cours » for 14 days (since its oldest interest) still without a duo: its
  referent, and each active referent of the interested SAs, one message each.
- Three weeks before the current edition's DuoDay date (and until the day before), the
  employers whose offers are still « Non concrétisée »: one message to each active referent
  of the structure, with its offers and the link to the « Annuaire des SA ».

Each reminder is recorded (`Reminder`) in the transaction that queues its e-mails, which
leave once it commits; the unique constraints refuse a second record, so a second run, or
two runs at the same instant, never send a reminder twice.
"""

import datetime
import functools

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from directory.models import Structure, User
from offers.enums import OfferStatus, ReminderKind
from offers.models import Edition, Interest, Offer, Reminder
from portal.emails import absolute_url, deliver

IN_PROGRESS_DELAY = datetime.timedelta(days=14)
BEFORE_DUODAY = datetime.timedelta(weeks=3)
LISTED_OFFERS = 20


def _active_referents(lookup="referents"):
    return Prefetch(
        lookup,
        queryset=User.objects.filter(is_active=True).order_by("pk"),
        to_attr="active_referents",
    )


def _record_then_send(send, **reminder):
    """Record the reminder and queue its e-mails on commit; False if it was already sent."""
    try:
        with transaction.atomic():
            Reminder.objects.create(**reminder)
            transaction.on_commit(send)
    except IntegrityError:
        return False
    return True


# --- « En cours » for 14 days without a duo ----------------------------------------------


def offers_in_progress_without_duo(now):
    """Offers of the current edition, « En cours » (interest, no duo) for 14 days, whose day
    has not passed, not reminded yet."""
    return Offer.objects.filter(
        Exists(
            Interest.objects.filter(offer=OuterRef("pk"), created_at__lte=now - IN_PROGRESS_DELAY)
        ),
        ~Exists(Reminder.objects.filter(offer=OuterRef("pk"), kind=ReminderKind.OFFER_WITHOUT_DUO)),
        edition__is_current=True,
        status=OfferStatus.IN_PROGRESS,
        date__gte=timezone.localdate(now),
    )


@task()
def send_offer_without_duo_reminder(offer_id):
    """In the worker: the offer's referent and each active referent of the interested SAs."""
    offer = (
        Offer.objects.filter(pk=offer_id)
        .select_related("edition", "structure", "referent")
        .prefetch_related(
            Prefetch(
                "interests",
                queryset=Interest.objects.select_related("structure")
                .prefetch_related(_active_referents("structure__referents"))
                .order_by("created_at", "pk"),
            )
        )
        .first()
    )
    if offer is None:
        return
    url = absolute_url(reverse("offers:detail", args=[offer.pk]))
    interests = list(offer.interests.all())
    if offer.referent.is_active:
        deliver(
            "offers/emails/reminder_offer_without_duo_employer",
            {"offer": offer, "interests": interests, "url": url},
            offer.referent.email,
        )
    for interest in interests:
        for referent in interest.structure.active_referents:
            deliver(
                "offers/emails/reminder_offer_without_duo_support",
                {"offer": offer, "interest": interest, "referent": referent, "url": url},
                referent.email,
            )


def remind_offers_without_duo(now):
    """Send the « 14 days without a duo » reminders; return how many offers were reminded."""
    due = list(offers_in_progress_without_duo(now).order_by("pk").values_list("pk", "edition_id"))
    sent = 0
    for offer_id, edition_id in due:
        sent += _record_then_send(
            functools.partial(send_offer_without_duo_reminder.enqueue, offer_id),
            kind=ReminderKind.OFFER_WITHOUT_DUO,
            edition_id=edition_id,
            offer_id=offer_id,
        )
    return sent


# --- Three weeks before the DuoDay: offers still « Non concrétisée » ----------------------


def is_before_duoday_window(edition, today):
    """From three weeks before the DuoDay date to the day before."""
    return edition.duoday_date - BEFORE_DUODAY <= today < edition.duoday_date


def employers_with_open_offers(edition):
    """Employers with offers « Non concrétisée » of `edition`, not reminded for it yet."""
    return Structure.objects.filter(
        Exists(
            Offer.objects.filter(structure=OuterRef("pk"), edition=edition, status=OfferStatus.OPEN)
        ),
        ~Exists(
            Reminder.objects.filter(
                structure=OuterRef("pk"),
                edition=edition,
                kind=ReminderKind.OPEN_OFFERS_BEFORE_DUODAY,
            )
        ),
    )


@task()
def send_open_offers_reminder(structure_id, edition_id):
    """In the worker: each active referent of the employer, with its open offers."""
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        return
    open_offers = Offer.objects.filter(edition=edition, status=OfferStatus.OPEN)
    structure = (
        Structure.objects.filter(pk=structure_id)
        .annotate(
            open_offer_count=Count(
                "offers", filter=Q(offers__edition=edition, offers__status=OfferStatus.OPEN)
            )
        )
        .prefetch_related(
            _active_referents(),
            Prefetch(
                "offers",
                queryset=open_offers.order_by("date", "title", "pk")[:LISTED_OFFERS],
                to_attr="listed_offers",
            ),
        )
        .first()
    )
    if structure is None:
        return
    context = {
        "structure": structure,
        "edition": edition,
        "offers": structure.listed_offers,
        "open_offer_count": structure.open_offer_count,
        "directory_url": absolute_url(reverse("directory:support_directory")),
        "offers_url": absolute_url(reverse("offers:list") + f"?status={OfferStatus.OPEN}"),
    }
    for referent in structure.active_referents:
        deliver(
            "offers/emails/reminder_open_offers", {**context, "referent": referent}, referent.email
        )


def remind_open_offers_before_duoday(now):
    """Send the « three weeks before » reminders; return how many employers were reminded."""
    edition = Edition.current()
    if edition is None or not is_before_duoday_window(edition, timezone.localdate(now)):
        return 0
    structure_ids = list(
        employers_with_open_offers(edition).order_by("pk").values_list("pk", flat=True)
    )
    sent = 0
    for structure_id in structure_ids:
        sent += _record_then_send(
            functools.partial(send_open_offers_reminder.enqueue, structure_id, edition.pk),
            kind=ReminderKind.OPEN_OFFERS_BEFORE_DUODAY,
            edition=edition,
            structure_id=structure_id,
        )
    return sent


def send_due_reminders(now=None):
    """Both reminders; the numbers of offers and of employers reminded."""
    now = now or timezone.now()
    return {
        ReminderKind.OFFER_WITHOUT_DUO: remind_offers_without_duo(now),
        ReminderKind.OPEN_OFFERS_BEFORE_DUODAY: remind_open_offers_before_duoday(now),
    }
