"""Operations on accounts and structures: each one a transaction, each one e-mailing.

Views parse input, call one of these, and render; the rules live here. E-mails leave once
the transaction commits, as tasks given ids only (`directory.emails`).
"""

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory import emails, perms, refusals
from directory.emails import (  # noqa: F401 (part of this module's interface)
    EMAIL_CONFIRMATION_MAX_AGE,
    EMAIL_CONFIRMATION_SALT,
    email_confirmation_token,
)
from directory.extensions import referent_deactivated
from directory.models import Invitation, ModificationRequest, User
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
    renewed = Invitation.objects.create(
        structure=invitation.structure,
        invited_by=invitation.invited_by,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )
    transaction.on_commit(lambda: emails.send_invitation.enqueue(renewed.pk))
    return renewed


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
