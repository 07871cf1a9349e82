"""The only place that changes an offer's status: one function per transition.

Each function is one transaction, checks who acts and on what (the views check again
through `Offer.objects.visible_to`), and e-mails whoever is concerned once it commits.
Refusals raise `InvalidTransition` with a French message for the user.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from directory import perms
from directory.models import Structure
from offers import notifications, refusals
from offers.enums import OPEN_STATUSES, OfferStatus
from offers.models import Duo, Interest, Offer
from portal import page_cache


class InvalidTransition(Exception):
    """A refused transition; its message is shown to the user."""


def _locked(offer):
    """The offer, locked for the rest of the transaction, with its edition."""
    # of=("self",): PostgreSQL would otherwise lock the edition's row too, and every
    # transition of the country would wait on that one row.
    return Offer.objects.select_for_update(of=("self",)).select_related("edition").get(pk=offer.pk)


def _check_editable(offer):
    if offer.edition.is_past:
        raise InvalidTransition(refusals.PAST_EDITION)


def _check_employer(offer, structure):
    if not perms.is_employer(structure) or offer.structure_id != structure.pk:
        raise InvalidTransition(refusals.EMPLOYER_ONLY)


def _check_support(structure):
    if not perms.is_validated_support(structure):
        raise InvalidTransition(refusals.VALIDATED_SUPPORT_ONLY)


def _check_served(offer, structure):
    """The SA may answer the offer: in a department it serves, or remote (one rule, the
    queryset's)."""
    if not Offer.objects.within_reach_of(structure).filter(pk=offer.pk).exists():
        raise InvalidTransition(refusals.OUT_OF_REACH)


def _check_registration_open(edition):
    closed = edition.registration_closed_message()
    if closed:
        raise InvalidTransition(closed)


def _status_from_interests(offer):
    return OfferStatus.IN_PROGRESS if offer.interests.exists() else OfferStatus.OPEN


@transaction.atomic
def create_offer(offer):
    """An employer referent adds an offer: « Non concrétisée »."""
    _check_employer(offer, offer.structure)
    if offer.edition.is_past:
        raise InvalidTransition(
            _("Cette édition est passée : ajoutez l’offre à l’édition en cours.")
        )
    _check_registration_open(offer.edition)
    offer.status = OfferStatus.OPEN
    offer.save()
    transaction.on_commit(lambda: notifications.offer_created(offer))
    return offer


def _check_new_offers(offers, structure):
    """Offers about to be added in bulk: the structure's, of an edition not yet past."""
    if not offers:
        raise InvalidTransition(_("Aucune offre à enregistrer."))
    for offer in offers:
        _check_employer(offer, structure)
        if offer.edition.is_past:
            raise InvalidTransition(
                _("Cette édition est passée : ajoutez les offres à l’édition en cours.")
            )
        # As one offer added by hand (`create_offer`): the file or the copies wait for the
        # registrations to open, and come too late once they are closed.
        _check_registration_open(offer.edition)
        offer.status = OfferStatus.OPEN


@transaction.atomic
def import_offers(structure, offers, imported_by):
    """« Importer des offres »: every offer of the file « Non concrétisée », or none.

    One summary e-mail to the importing referent (and one to each other referent named in
    the offers), rather than one e-mail per offer.
    """
    _check_new_offers(offers, structure)
    created = Offer.objects.bulk_create(offers, batch_size=500)
    page_cache.purge()  # bulk_create sends no post_save
    transaction.on_commit(lambda: notifications.offers_imported(created, imported_by))
    return created


@transaction.atomic
def reconduct_offers(structure, copies, reconducted_by):
    """« Reconduire mes offres »: copies of past offers (each with its `copied_from`) into
    the current edition, « Non concrétisée ». A past offer already copied into that edition
    is skipped, so that reconducting twice creates no duplicate; the structure's row lock
    serves two reconductions one after the other, and the constraint `one_copy_per_edition`
    has the last word. Returns the offers created.
    """
    _check_new_offers(copies, structure)
    Structure.objects.select_for_update().filter(pk=structure.pk).first()
    editions = {copy.edition_id for copy in copies}
    already_copied = set(
        Offer.objects.filter(
            edition__in=editions, copied_from__in=[copy.copied_from_id for copy in copies]
        ).values_list("edition_id", "copied_from_id")
    )
    fresh = [
        copy
        for copy in copies
        if copy.copied_from_id is not None
        and (copy.edition_id, copy.copied_from_id) not in already_copied
    ]
    if not fresh:
        return []
    try:
        with transaction.atomic():
            created = Offer.objects.bulk_create(fresh, batch_size=500)
    except IntegrityError as conflict:
        raise InvalidTransition(_("Ces offres viennent d’être reconduites.")) from conflict
    page_cache.purge()  # bulk_create sends no post_save
    transaction.on_commit(lambda: notifications.offers_reconducted(created, reconducted_by))
    return created


@transaction.atomic
def update_offer(offer, structure):
    """The employer edits an offer (the form already holds the new values)."""
    current = _locked(offer)
    _check_employer(current, structure)
    _check_editable(current)
    if offer.department_id != current.department_id and current.interests.exists():
        raise InvalidTransition(
            _(
                "Des structures accompagnantes se sont positionnées sur cette offre : son "
                "département ne peut plus changer. Supprimez-la et créez-en une nouvelle."
            )
        )
    offer.status = current.status
    offer.save()
    transaction.on_commit(lambda: notifications.offer_updated(offer))
    return offer


@transaction.atomic
def declare_interest(offer, structure, user, message=""):
    """« Je suis intéressé(e) »: « Non concrétisée » → « En cours »."""
    offer = _locked(offer)
    _check_support(structure)
    _check_editable(offer)
    _check_served(offer, structure)
    if offer.status not in OPEN_STATUSES:
        raise InvalidTransition(_("Cette offre est déjà concrétisée."))
    # The offer's row lock orders the SAs' answers to it: a check then an INSERT, without
    # get_or_create's savepoint (two round trips of every declaration).
    if offer.interests.filter(structure=structure).exists():
        raise InvalidTransition(_("Vous avez déjà déclaré votre intérêt pour cette offre."))
    interest = Interest.objects.create(offer=offer, structure=structure, user=user, message=message)
    offer.status = OfferStatus.IN_PROGRESS
    offer.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: notifications.interest_declared(interest))
    return interest


@transaction.atomic
def withdraw_interest(offer, structure):
    """Withdrawing the last interest returns the offer to « Non concrétisée »."""
    offer = _locked(offer)
    _check_support(structure)
    _check_editable(offer)
    interest = offer.interests.filter(structure=structure).first()
    if interest is None:
        raise InvalidTransition(_("Vous n’aviez pas déclaré d’intérêt pour cette offre."))
    if offer.duos.active().filter(structure=structure).exists():
        raise InvalidTransition(_("Vous avez constitué le duo : annulez-le d’abord."))
    interest.delete()
    if offer.status != OfferStatus.FILLED:
        offer.status = _status_from_interests(offer)
        offer.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: notifications.interest_withdrawn(offer, structure))
    return offer


def form_duo(offer, structure, user, person_first_name, person_last_name):
    """Associate a person: « Concrétisée ». At most one duo per offer, by the database."""
    try:
        with transaction.atomic():
            duo = _form_duo(offer, structure, user, person_first_name, person_last_name)
    except IntegrityError as conflict:
        raise InvalidTransition(refusals.DUO_FORMED_BY_ANOTHER) from conflict
    return duo


def _form_duo(offer, structure, user, person_first_name, person_last_name):
    offer = _locked(offer)
    _check_support(structure)
    _check_editable(offer)
    _check_served(offer, structure)
    if offer.status == OfferStatus.FILLED:
        raise InvalidTransition(refusals.DUO_FORMED_BY_ANOTHER)
    duo = Duo.objects.create(
        offer=offer,
        structure=structure,
        created_by=user,
        person_first_name=person_first_name.strip(),
        person_last_name=person_last_name.strip(),
    )
    Interest.objects.get_or_create(offer=offer, structure=structure, defaults={"user": user})
    offer.status = OfferStatus.FILLED
    offer.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: notifications.duo_formed(duo))
    return duo


@transaction.atomic
def cancel_duo(duo, structure):
    """The SA that formed the duo cancels it: back to « En cours »."""
    offer = _locked(duo.offer)
    duo = Duo.objects.select_for_update().get(pk=duo.pk)
    if duo.structure_id != getattr(structure, "pk", None) or not duo.is_active:
        raise InvalidTransition(refusals.DUO_FORMER_ONLY)
    _cancel(offer, duo)
    transaction.on_commit(lambda: notifications.duo_cancelled(duo))
    return duo


def _cancel(offer, duo):
    """The duo stays, cancelled; the offer goes back to « En cours » or « Non concrétisée »."""
    _check_editable(offer)
    duo.cancelled_at = timezone.now()
    duo.save(update_fields=["cancelled_at"])
    offer.status = _status_from_interests(offer)
    offer.save(update_fields=["status", "updated_at"])


@transaction.atomic
def delete_offer(offer, structure):
    """The employer deletes an offer, except a « Concrétisée » one; the SA that formed the
    duo may delete it."""
    offer = _locked(offer)
    _check_editable(offer)
    refusal = offer.deletion_refusal(structure)
    if refusal:
        raise InvalidTransition(refusal)
    recipients = notifications.deletion_recipients(offer, structure)
    title = offer.title
    offer.delete()
    transaction.on_commit(lambda: notifications.offer_deleted(title, recipients))


# --- The coordination's powers (the « DuoDay » admin), each with the coordinator's reason ---

DUO_CANCELLED_BY_COORDINATION = "offers.duo_cancelled_by_coordination"
OFFER_DELETED_BY_COORDINATION = "offers.offer_deleted_by_coordination"


def _check_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise InvalidTransition(_("Indiquez le motif : il est envoyé aux personnes concernées."))
    return reason


@transaction.atomic
def cancel_duo_by_coordination(duo, coordinator, reason):
    """The coordination cancels a duo on the employer's or the SA's request: as `cancel_duo`
    (the duo is kept, cancelled; the offer back to « En cours » or « Non concrétisée »),
    with the reason e-mailed to both parties and kept in the duo's history."""
    reason = _check_reason(reason)
    offer = _locked(duo.offer)
    duo = Duo.objects.select_for_update(of=("self",)).select_related("structure").get(pk=duo.pk)
    if duo.cancelled_at is not None:
        raise InvalidTransition(_("Ce duo est déjà annulé."))
    _cancel(offer, duo)
    log(
        instance=duo,
        action=DUO_CANCELLED_BY_COORDINATION,
        user=coordinator,
        data={"reason": reason, "offer": offer.title, "support": duo.structure.name},
    )
    transaction.on_commit(lambda: notifications.duo_cancelled(duo, reason))
    return duo


@transaction.atomic
def delete_offer_by_coordination(offer, coordinator, reason):
    """The coordination deletes a « Concrétisée » offer for its employer (who may not): the
    offer goes with its interests and its duo, as when an employer deletes an offer not yet
    concrétisée. The SAs interested and the duo's SA (and the offer's referent) get the
    reason; the history entry is logged on the employer structure, which stays."""
    reason = _check_reason(reason)
    offer = _locked(offer)
    if offer.status != OfferStatus.FILLED:
        raise InvalidTransition(
            _(
                "Cette offre n’est pas « Concrétisée » : son employeur peut la supprimer "
                "lui-même depuis son espace."
            )
        )
    _check_editable(offer)
    recipients = notifications.coordination_deletion_recipients(offer)
    title = offer.title
    log(
        instance=offer.structure,
        action=OFFER_DELETED_BY_COORDINATION,
        user=coordinator,
        data={
            "reason": reason,
            "offer": title,
            "offer_id": offer.pk,
            "edition": str(offer.edition),
            "duo_support": ", ".join(
                offer.duos.filter(cancelled_at__isnull=True).values_list(
                    "structure__name", flat=True
                )
            ),
        },
    )
    offer.delete()
    transaction.on_commit(lambda: notifications.offer_deleted(title, recipients, reason))
