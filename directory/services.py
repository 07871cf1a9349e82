"""Operations on accounts and structures: each one a transaction, each one e-mailing.

Views parse input, call one of these, and render; the rules live here. E-mails leave once
the transaction commits, as tasks given ids only (`directory.emails`).
"""

from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from directory import emails, perms, refusals
from directory.emails import (  # noqa: F401 (part of this module's interface)
    EMAIL_CONFIRMATION_MAX_AGE,
    EMAIL_CONFIRMATION_SALT,
    email_confirmation_token,
)
from directory.extensions import referent_deactivated
from directory.models import (
    CoordinationDigest,
    Invitation,
    ModificationRequest,
    PendingNotice,
    Structure,
    User,
)
from directory.roles import COORDINATION
from portal.emails import absolute_url  # noqa: F401 (part of this module's interface)


class DirectoryError(Exception):
    """A refused operation; its message is shown to the user."""


def _account_of(email):
    return User.objects.filter(email=email.strip().lower()).first()


def _tell_account_owner(user, attempt):
    """The address already has an account: its owner hears of the attempt by e-mail, and
    whoever typed the address sees the same answer as for a new one."""
    transaction.on_commit(lambda: emails.send_account_exists_notice.enqueue(user.pk, attempt))


def register_structure(structure, served_departments, referent, password):
    """Create a structure and its first referent, inactive until the e-mail is confirmed.

    Returns the referent, or None when the address already has an account: then nothing is
    saved and the account's owner is e-mailed (the visitor sees the usual answer).
    """
    existing = _account_of(referent.email)
    if existing is None:
        try:
            return _register_structure(structure, served_departments, referent, password)
        except IntegrityError:
            # The same address registered meanwhile; otherwise the SIRET did: the view says so.
            existing = _account_of(referent.email)
            if existing is None:
                raise
    else:
        # Hash the password all the same: the answer takes as long as for a new address.
        User().set_password(password)
    _tell_account_owner(existing, emails.REGISTRATION_ATTEMPT)
    return None


@transaction.atomic
def _register_structure(structure, served_departments, referent, password):
    # Both kinds wait for the coordination's validation: an SA's personal space opens then,
    # an employer's « Annuaire des SA » too (directory/perms.py).
    structure.validated_at = None
    structure.save()
    if structure.is_support:
        structure.served_departments.set(served_departments)
    referent.structure = structure
    referent.is_active = False
    referent.set_password(password)
    referent.confirmation_sent_at = timezone.now()
    referent.save()
    transaction.on_commit(lambda: emails.send_email_confirmation.enqueue(referent.pk))
    return referent


@transaction.atomic
def resend_email_confirmation(email):
    """Send a new confirmation link (a fresh delay) to an account still waiting for it; say
    nothing either way, so that nobody learns which addresses have an account."""
    user = (
        User.objects.select_for_update()
        .filter(email=email.strip().lower(), email_confirmed_at__isnull=True, is_active=False)
        .exclude(confirmation_sent_at=None)
        .first()
    )
    if user is not None:
        # Set now too, so that no purge runs between this request and the worker.
        user.confirmation_sent_at = timezone.now()
        user.save(update_fields=["confirmation_sent_at"])
        transaction.on_commit(lambda: emails.send_email_confirmation.enqueue(user.pk))


@transaction.atomic
def confirm_email(token):
    """Activate the account behind a confirmation link; raises DirectoryError otherwise."""
    try:
        payload = signing.loads(
            token, salt=EMAIL_CONFIRMATION_SALT, max_age=EMAIL_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired as expired:
        raise DirectoryError(_("Ce lien de confirmation a expiré.")) from expired
    except signing.BadSignature as bad:
        raise DirectoryError(refusals.INVALID_CONFIRMATION_LINK) from bad
    user = (
        User.objects.select_for_update().filter(pk=payload["user"], email=payload["email"]).first()
    )
    if user is None:
        raise DirectoryError(refusals.INVALID_CONFIRMATION_LINK)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_confirmed_at", "is_active"])
    return user


@transaction.atomic
def validate_support_structure(structure, coordinator):
    if structure.validated_at is not None:
        return structure
    structure.validated_at = timezone.now()
    structure.save(update_fields=["validated_at"])
    transaction.on_commit(lambda: emails.send_structure_validated.enqueue(structure.pk))
    return structure


@transaction.atomic
def invite_referent(structure, invited_by, email, first_name, last_name):
    """Invite an address to join the structure. When the address already has an account,
    the invitation is recorded all the same (the inviter sees no difference) but its
    e-mail tells the account's owner instead of carrying a link (`emails.send_invitation`).
    """
    email = email.lower()
    # A new invitation replaces any pending one for the same address.
    structure.invitations.pending().filter(email=email).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        structure=structure,
        invited_by=invited_by,
        email=email,
        first_name=first_name,
        last_name=last_name,
    )
    transaction.on_commit(lambda: emails.send_invitation.enqueue(invitation.pk))
    return invitation


@transaction.atomic
def resend_invitation(invitation):
    """A resent invitation gets a fresh token and seven more days."""
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invite_referent(
        invitation.structure,
        invitation.invited_by,
        invitation.email,
        invitation.first_name,
        invitation.last_name,
    )


@transaction.atomic
def revoke_invitation(invitation):
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def accept_invitation(token, password, phone="", job_title=""):
    invitation = Invitation.objects.select_for_update().get_by_token(token)
    if invitation is None or not invitation.is_pending:
        raise DirectoryError(refusals.INVITATION_NO_LONGER_VALID)
    if User.objects.filter(email=invitation.email).exists():
        raise DirectoryError(_("Un compte existe déjà avec cette adresse e-mail."))
    user = User(
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        phone=phone,
        job_title=job_title,
        structure=invitation.structure,
        email_confirmed_at=timezone.now(),
    )
    user.set_password(password)
    user.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def deactivate_referent(structure, referent, acting_user=None):
    """Deactivate, never delete; a structure always keeps one active referent.

    The offers the referent was the contact of pass to the referent who acts (or, when they
    deactivate themselves, to another active referent): SAs never see a dead contact.
    """
    locked = list(
        User.objects.select_for_update().filter(structure=structure, is_active=True).order_by("pk")
    )
    if referent not in locked:
        raise DirectoryError(refusals.REFERENT_ALREADY_DEACTIVATED)
    if not perms.may_deactivate_referents(len(locked)):
        raise DirectoryError(refusals.LAST_ACTIVE_REFERENT)
    referent.is_active = False
    referent.save(update_fields=["is_active"])
    successor = acting_user if acting_user in locked and acting_user != referent else None
    successor = successor or next(user for user in locked if user != referent)
    referent_deactivated.send(
        sender=User, structure=structure, referent=referent, successor=successor
    )


@transaction.atomic
def request_modification(structure, author, message):
    modification = ModificationRequest.objects.create(
        structure=structure, author=author, message=message
    )
    return modification


@transaction.atomic
def process_modification_request(modification, coordinator, response=""):
    if modification.status == ModificationRequest.Status.PROCESSED:
        return modification
    modification.status = ModificationRequest.Status.PROCESSED
    modification.processed_at = timezone.now()
    modification.processed_by = coordinator
    modification.response = response
    modification.save()
    if modification.author is not None:
        transaction.on_commit(lambda: emails.send_modification_processed.enqueue(modification.pk))
    return modification


@transaction.atomic
def update_contact_details(structure, referent):
    """Save the contact details a referent changed in « Mon compte »: the structure's phone
    and e-mail, the referent's names, phone and job title (both instances already hold the
    new values)."""
    structure.save(update_fields=["phone", "email"])
    referent.save(update_fields=["first_name", "last_name", "phone", "job_title"])


# The coordinators' actions (« DuoDay » admin). Each takes the coordinator's reason, e-mails
# it to the people concerned and writes an entry in the object's Wagtail history (labels:
# directory/wagtail_hooks.py).

REGISTRATION_REFUSED = "duoday.registration_refused"
REFERENT_DEACTIVATED = "duoday.referent_deactivated"
REFERENT_REACTIVATED = "duoday.referent_reactivated"
ACCOUNT_ERASED = "duoday.account_erased"

ERASED_EMAIL_DOMAIN = "compte-efface.invalid"
ERASED_NAME = "Compte effacé"


def _is_staff_account(user):
    return user.is_staff or user.is_superuser or user.groups.exists()


@transaction.atomic
def refuse_support_registration(structure, coordinator, reason):
    """Refuse an SA waiting for validation: its referents are told why, then the structure
    and its referents' accounts are deleted, so that the addresses and the SIRET may
    register again.

    What stays: the entry of the structure's history (a Wagtail log entry, kept after the
    deletion, listed in the admin's « Journaux »), with the structure's name, SIRET,
    department and the reason, and no personal data. The addresses wait for the e-mail task
    only (`PendingNotice`, deleted once sent).
    """
    structure = (
        Structure.objects.select_for_update(of=("self",))
        .select_related("department")
        .get(pk=structure.pk)
    )
    if not structure.is_support:
        raise DirectoryError(_("Seule l’inscription d’une structure accompagnante se refuse."))
    if structure.is_validated:
        raise DirectoryError(_("Une structure validée ne peut pas être refusée."))
    referents = list(structure.referents.select_for_update().order_by("pk"))
    staff = structure.referents.filter(
        Q(is_staff=True) | Q(is_superuser=True) | Q(groups__isnull=False)
    )
    if staff.exists():
        raise DirectoryError(
            _("Un compte de l’équipe est rattaché à cette structure : elle ne peut être refusée.")
        )
    notice = PendingNotice.objects.create(
        kind=PendingNotice.Kind.REGISTRATION_REFUSED,
        recipients=[
            {"email": referent.email, "confirmed": referent.email_confirmed_at is not None}
            for referent in referents
        ],
        structure_name=structure.name,
        reason=reason,
    )
    entry = log(
        structure,
        REGISTRATION_REFUSED,
        user=coordinator,
        data={
            "reason": reason,
            "siret": structure.siret,
            "department": structure.department.code,
            "referents": len(referents),
        },
    )
    User.objects.filter(pk__in=[referent.pk for referent in referents]).delete()
    structure.delete()
    transaction.on_commit(lambda: emails.send_pending_notice.enqueue(notice.pk))
    return entry


@transaction.atomic
def deactivate_referent_for_coordination(referent, coordinator, reason):
    """`deactivate_referent` done by a coordinator: the offers pass to another active
    referent, the last active one is never deactivated; the person is told why."""
    deactivate_referent(referent.structure, referent)
    entry = log(referent, REFERENT_DEACTIVATED, user=coordinator, data={"reason": reason})
    transaction.on_commit(lambda: emails.send_referent_notice.enqueue(entry.pk))
    return entry


@transaction.atomic
def reactivate_referent(referent, coordinator, reason):
    """Give a deactivated referent their account back (never an erased account, nor a
    registration whose address was never confirmed); the person is told why."""
    referent = User.objects.select_for_update().get(pk=referent.pk)
    if referent.erased_at is not None:
        raise DirectoryError(_("Ce compte a été effacé : il ne peut être réactivé."))
    if referent.is_active:
        raise DirectoryError(_("Ce référent est déjà actif."))
    if referent.email_confirmed_at is None:
        raise DirectoryError(
            _(
                "Ce référent n’a jamais confirmé son adresse e-mail : il doit le faire "
                "lui-même (« Renvoyer le lien de confirmation » sur la page de connexion)."
            )
        )
    referent.is_active = True
    referent.save(update_fields=["is_active"])
    entry = log(referent, REFERENT_REACTIVATED, user=coordinator, data={"reason": reason})
    transaction.on_commit(lambda: emails.send_referent_notice.enqueue(entry.pk))
    return entry


def _is_a_required_contact(person):
    """Whether rows of the apps above `directory` must keep `person` as their contact (a
    foreign key that protects the account: an offer's referent). Found through the model's
    relations, so that `directory` imports none of those apps."""
    return any(
        relation.on_delete is models.PROTECT
        and relation.related_model._default_manager.filter(**{relation.field.name: person}).exists()
        for relation in User._meta.related_objects
        if relation.one_to_many
    )


def erasure_refusal(person):
    """Why `person`'s account cannot be erased, or None."""
    if person.erased_at is not None:
        return _("Ce compte est déjà effacé.")
    if person.structure_id is None or _is_staff_account(person):
        return _("Les comptes de l’équipe ne s’effacent pas ici.")
    others_active = (
        User.objects.filter(structure=person.structure_id, is_active=True)
        .exclude(pk=person.pk)
        .exists()
    )
    hands_over = person.is_active and others_active
    if not hands_over and _is_a_required_contact(person):
        return _(
            "%(person)s est le dernier référent actif de sa structure et le contact de ses "
            "offres : réactivez d’abord un autre référent de la structure, ou qu’un "
            "nouveau référent la rejoigne (invitation depuis « Mon compte »), puis effacez "
            "ce compte : ses offres passeront à ce référent."
        ) % {"person": person}
    return None


@transaction.atomic
def erase_account(person, coordinator, reason):
    """Erase a referent's personal data on their request (GDPR); irreversible.

    The row stays, so that the structure's offers, duos and history keep their links: name,
    address (a unique placeholder), phone and job title go, the password becomes unusable
    (which ends every session: Django checks each session against the password's hash), the
    account inactive and in no group. An active person is first deactivated
    (`deactivate_referent`: what they were the contact of passes to another active
    referent); the invitations that named them are cleared, their own history entries lose
    their name. The pending invitations they sent stay: they are the structure's, and their
    e-mail names nobody. The person is told at their old address; the reason stays in the
    account's history (no personal data in it).
    """
    person = (
        User.objects.select_for_update(of=("self",)).select_related("structure").get(pk=person.pk)
    )
    refusal = erasure_refusal(person)
    if refusal:
        raise DirectoryError(refusal)
    if person.is_active and (
        User.objects.filter(structure=person.structure_id, is_active=True)
        .exclude(pk=person.pk)
        .exists()
    ):
        deactivate_referent(person.structure, person)
    notice = PendingNotice.objects.create(
        kind=PendingNotice.Kind.ACCOUNT_ERASED,
        recipients=[{"email": person.email, "confirmed": person.email_confirmed_at is not None}],
        structure_name=person.structure.name,
        reason=reason,
    )
    Invitation.objects.filter(email=person.email).update(
        email=f"invitation-{person.pk}@{ERASED_EMAIL_DOMAIN}", first_name="", last_name=""
    )
    person.email = f"compte-{person.pk}@{ERASED_EMAIL_DOMAIN}"
    person.first_name = ""
    person.last_name = ERASED_NAME
    person.phone = ""
    person.job_title = ""
    person.set_unusable_password()
    person.is_active = False
    person.last_login = None
    person.confirmation_sent_at = None
    person.erased_at = timezone.now()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()
    ModelLogEntry.objects.for_instance(person).update(label=str(person))
    entry = log(person, ACCOUNT_ERASED, user=coordinator, data={"reason": reason})
    transaction.on_commit(lambda: emails.send_pending_notice.enqueue(notice.pk))
    return entry


# What waits for the coordinators


def support_structures_awaiting_validation():
    return Structure.objects.support_structures().filter(validated_at__isnull=True)


def pending_modification_requests():
    return ModificationRequest.objects.filter(status=ModificationRequest.Status.PENDING)


def coordination_recipients():
    return User.objects.filter(groups__name=COORDINATION, is_active=True).distinct()


def prepare_coordination_digest(now=None):
    """Record today's digest and have it sent, when an SA to validate or a modification
    request arrived since the previous digest and is still waiting; returns the digest, or
    None (nothing new, or today's already sent: never two on the same day)."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    with transaction.atomic():
        if CoordinationDigest.objects.filter(day=day).exists():
            return None
        previous = CoordinationDigest.objects.order_by("-until").first()
        since = previous.until if previous else None
        window = {"created_at__lte": now}
        if since is not None:
            window["created_at__gt"] = since
        has_news = (
            support_structures_awaiting_validation().filter(**window).exists()
            or pending_modification_requests().filter(**window).exists()
        )
        if not has_news:
            return None
        try:
            with transaction.atomic():
                digest = CoordinationDigest.objects.create(day=day, since=since, until=now)
        except IntegrityError:
            return None  # another run recorded today's meanwhile
        transaction.on_commit(lambda: emails.send_coordination_digest.enqueue(digest.pk))
    return digest
