"""The e-mails of the offer workflow, sent in the background once a transition commits.

`offers.workflow` calls the functions at the top; each queues a task given ids only
(see `portal.emails`). The task, in the worker, loads the offer, picks the current parties
and sends one message per recipient: no structure ever sees another's addresses.

Who hears of what:
- the offer's referent (employer side): its offer created, an interest declared or
  withdrawn, the duo formed or cancelled, the offer deleted by the SA that formed its duo;
- the SAs still interested (every active referent of each): the offer changed or deleted,
  except that once a duo is formed only the SA that formed it is a party: the others hear
  that the offer is filled, then that it is open again if the duo is cancelled, and nothing
  in between (neither its new date nor its new address).
"""

from django.urls import reverse
from django_tasks import task

from directory.models import Structure, User
from offers.models import Duo, Interest, Offer
from portal.emails import absolute_url, deliver

# --- Called by offers.workflow once the transition commits ------------------------------


def offer_created(offer):
    send_offer_created.enqueue(offer.pk)


def interest_declared(interest):
    send_interest_declared.enqueue(interest.pk)


def interest_withdrawn(offer, structure):
    send_interest_withdrawn.enqueue(offer.pk, structure.pk)


def duo_formed(duo):
    send_duo_formed.enqueue(duo.pk)


def duo_cancelled(duo, reason=""):
    """`reason`: the coordination's, when it cancelled the duo (empty when the SA did)."""
    send_duo_cancelled.enqueue(duo.pk, reason)


def offer_updated(offer):
    send_offer_updated.enqueue(offer.pk)


def deletion_recipients(offer, deleted_by):
    """Who hears of a deletion (user ids, taken before the offer goes): the other side."""
    if deleted_by is not None and deleted_by.pk == offer.structure_id:
        return list(_support_referents(_party_structure_ids(offer)).values_list("pk", flat=True))
    return [offer.referent_id]


def coordination_deletion_recipients(offer):
    """Who hears of the coordination deleting an offer (user ids, taken before the offer
    goes): the offer's referent, every SA interested and the duo's."""
    structure_ids = set(offer.interests.values_list("structure_id", flat=True))
    structure_ids.update(
        offer.duos.filter(cancelled_at__isnull=True).values_list("structure_id", flat=True)
    )
    return [offer.referent_id] + [
        pk
        for pk in _support_referents(structure_ids).values_list("pk", flat=True)
        if pk != offer.referent_id
    ]


def offer_deleted(title, recipients, reason=""):
    """`reason`: the coordination's, when it deleted the offer."""
    for user_id in recipients:
        send_offer_deleted.enqueue(title, user_id, reason)


# --- Who the parties are --------------------------------------------------------------------


def _active_duo(offer):
    return offer.duos.active().first()


def _party_structure_ids(offer):
    """The SAs concerned by the offer: the one holding its duo, else every interested one."""
    duo = _active_duo(offer)
    if duo is not None:
        return [duo.structure_id]
    return list(offer.interests.values_list("structure_id", flat=True))


def _support_referents(structure_ids):
    return User.objects.filter(structure_id__in=structure_ids, is_active=True).order_by("pk")


def _offer_url(offer):
    return absolute_url(reverse("offers:detail", args=[offer.pk]))


def _offer(offer_id):
    return (
        Offer.objects.select_related("structure", "referent", "department")
        .filter(pk=offer_id)
        .first()
    )


def _to_employer(template_prefix, offer, **context):
    context = {"offer": offer, "url": _offer_url(offer), **context}
    deliver(template_prefix, context, offer.referent.email)


def _to_each(template_prefix, users, context):
    for user in users:
        deliver(template_prefix, {**context, "recipient": user}, user.email)


# --- The tasks, run by the worker -----------------------------------------------------------


@task()
def send_offer_created(offer_id):
    offer = _offer(offer_id)
    if offer is not None:
        _to_employer("offers/emails/offer_created", offer)


@task()
def send_interest_declared(interest_id):
    interest = (
        Interest.objects.select_related("offer__referent", "structure", "user")
        .filter(pk=interest_id)
        .first()
    )
    if interest is not None:
        _to_employer("offers/emails/interest_declared", interest.offer, interest=interest)


@task()
def send_interest_withdrawn(offer_id, structure_id):
    offer = _offer(offer_id)
    if offer is None:
        return
    structure = Structure.objects.filter(pk=structure_id).first()
    if structure is not None:
        _to_employer("offers/emails/interest_withdrawn", offer, structure=structure)


@task()
def send_duo_formed(duo_id):
    """The employer hears who formed the duo; the other interested SAs, that it is filled."""
    duo = Duo.objects.select_related("offer", "structure").filter(pk=duo_id).first()
    if duo is None or not duo.is_active:
        return
    offer = _offer(duo.offer_id)
    _to_employer("offers/emails/duo_formed_employer", offer, duo=duo)
    others = offer.interests.exclude(structure=duo.structure_id).values_list(
        "structure_id", flat=True
    )
    _to_each("offers/emails/offer_filled", _support_referents(others), {"offer": offer})


@task()
def send_duo_cancelled(duo_id, reason=""):
    """The employer and the SA of the duo hear of it (with the coordination's reason when it
    cancelled the duo); the SAs told « pourvue », that the offer is open again (without
    learning who had formed the duo)."""
    duo = Duo.objects.select_related("structure").filter(pk=duo_id).first()
    if duo is None:
        return
    offer = _offer(duo.offer_id)
    if offer is None or _active_duo(offer) is not None:
        return
    context = {"offer": offer, "duo": duo, "url": _offer_url(offer), "reason": reason}
    _to_employer("offers/emails/duo_cancelled", offer, duo=duo, reason=reason)
    _to_each("offers/emails/duo_cancelled", _support_referents([duo.structure_id]), context)
    others = offer.interests.exclude(structure=duo.structure_id).values_list(
        "structure_id", flat=True
    )
    _to_each("offers/emails/offer_reopened", _support_referents(others), context)


@task()
def send_offer_updated(offer_id):
    """The SAs still party to the offer hear of its new date, schedule and address."""
    offer = _offer(offer_id)
    if offer is None:
        return
    _to_each(
        "offers/emails/offer_updated",
        _support_referents(_party_structure_ids(offer)),
        {"offer": offer, "url": _offer_url(offer)},
    )


@task()
def send_offer_deleted(title, user_id, reason=""):
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        deliver("offers/emails/offer_deleted", {"title": title, "reason": reason}, user.email)


# --- Offers added at once (import, « Reconduire mes offres ») ---------------------------


def offers_imported(offers, imported_by):
    send_bulk_summaries.enqueue(
        "offers/emails/offers_imported", [offer.pk for offer in offers], imported_by.pk
    )


def offers_reconducted(offers, reconducted_by):
    send_bulk_summaries.enqueue(
        "offers/emails/offers_reconducted", [offer.pk for offer in offers], reconducted_by.pk
    )


@task()
def send_bulk_summaries(template_prefix, offer_ids, acting_user_id):
    """One e-mail to the referent who added the offers at once, and one to each other
    referent named in them: never one e-mail per offer."""
    offers = list(
        Offer.objects.filter(pk__in=offer_ids).select_related("edition", "referent").order_by("pk")
    )
    acting_user = User.objects.filter(pk=acting_user_id, is_active=True).first()
    if not offers or acting_user is None:
        return
    by_referent = {}
    for offer in offers:
        by_referent.setdefault(offer.referent_id, []).append(offer)
    context = {
        "user": acting_user,
        "count": len(offers),
        "edition": offers[0].edition,
        "url": absolute_url(reverse("offers:list")),
    }
    deliver(template_prefix, context, acting_user.email)
    for referent_offers in by_referent.values():
        referent = referent_offers[0].referent
        if referent.pk == acting_user.pk or not referent.is_active:
            continue
        deliver(
            "offers/emails/offers_assigned",
            {
                **context,
                "referent": referent,
                "count": len(referent_offers),
                "titles": [offer.title for offer in referent_offers[:20]],
                "more": max(len(referent_offers) - 20, 0),
            },
            referent.email,
        )
