"""The account e-mails: one background task each, run by the worker.

A task receives ids only; it loads the objects, makes the link's token (confirmation,
invitation, password reset) and renders the message in the worker, so that the task queue
never holds a token, a link or a body (see `portal.emails`). The messages that go to an
address not yet confirmed (confirmation, invitation, « a registration was attempted »)
carry no text typed by a visitor or a referent: only the portal's fixed text and its link.
"""

import datetime

from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from wagtail.models import ModelLogEntry

from directory.models import (
    CoordinationDigest,
    Invitation,
    ModificationRequest,
    PendingNotice,
    Structure,
    User,
)
from portal.durations import in_days
from portal.emails import absolute_url, deliver

EMAIL_CONFIRMATION_SALT = "directory.email-confirmation"
EMAIL_CONFIRMATION_VALIDITY = datetime.timedelta(days=3)
EMAIL_CONFIRMATION_MAX_AGE = int(EMAIL_CONFIRMATION_VALIDITY.total_seconds())

# Why the owner of an address that already has an account hears from us.
REGISTRATION_ATTEMPT = "registration"
INVITATION_ATTEMPT = "invitation"


def email_confirmation_token(user):
    return signing.dumps({"user": user.pk, "email": user.email}, salt=EMAIL_CONFIRMATION_SALT)


@task()
def send_email_confirmation(user_id):
    """The link that activates a registration; each link sent restarts its 3 days."""
    with transaction.atomic():
        user = (
            User.objects.select_for_update(of=("self",))
            .select_related("structure")
            .filter(pk=user_id, email_confirmed_at__isnull=True, is_active=False)
            .first()
        )
        if user is None:
            return
        user.confirmation_sent_at = timezone.now()
        user.save(update_fields=["confirmation_sent_at"])
    path = reverse("directory:confirm_email", args=[email_confirmation_token(user)])
    is_support = user.structure is not None and user.structure.is_support
    deliver(
        "directory/emails/confirm_email",
        {
            "url": absolute_url(path),
            "is_support": is_support,
            "validity": in_days(EMAIL_CONFIRMATION_VALIDITY),
        },
        user.email,
    )


@task()
def send_account_exists_notice(user_id, attempt):
    """Someone registered or invited an address that already has an account: the form
    answered as for a new address, and the address's owner hears what to do."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    deliver(
        "directory/emails/account_exists",
        {
            "invitation_attempt": attempt == INVITATION_ATTEMPT,
            "awaiting_confirmation": (
                user.email_confirmed_at is None
                and not user.is_active
                and user.confirmation_sent_at is not None
            ),
            "login_url": absolute_url(reverse("directory:login")),
            "password_reset_url": absolute_url(reverse("directory:password_reset")),
            "resend_confirmation_url": absolute_url(reverse("directory:resend_confirmation")),
            "site_url": absolute_url("/"),
        },
        user.email,
    )


@task()
def send_invitation(invitation_id):
    """The invitation's link, or, when the address has an account meanwhile, the notice
    that tells its owner someone tried to invite them."""
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending or not invitation.token_nonce:
        return
    owner = User.objects.filter(email=invitation.email).first()
    if owner is not None:
        send_account_exists_notice.call(owner.pk, INVITATION_ATTEMPT)
        return
    path = reverse("directory:accept_invitation", args=[invitation.link_token()])
    deliver(
        "directory/emails/invitation",
        {"expires_at": invitation.expires_at, "url": absolute_url(path)},
        invitation.email,
    )


@task()
def send_password_reset(user_id):
    """Django's reset link (uid and token), made here from the user's id."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    path = reverse(
        "directory:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    deliver(
        "directory/emails/password_reset",
        {"email": user.email, "url": absolute_url(path)},
        user.email,
    )


@task()
def send_structure_validated(structure_id):
    """Every referent of a validated SA, those who have not confirmed their address yet
    included; only confirmed addresses read the structure's name."""
    structure = Structure.objects.filter(pk=structure_id).first()
    if structure is None:
        return
    recipients = structure.referents.filter(
        Q(is_active=True) | Q(email_confirmed_at__isnull=True)
    ).order_by("pk")
    for recipient in recipients:
        deliver(
            "directory/emails/structure_validated",
            {
                "structure": structure,
                "show_name": recipient.email_confirmed_at is not None,
                "url": absolute_url(reverse("directory:login")),
            },
            recipient.email,
        )


@task()
def send_modification_processed(modification_id):
    modification = (
        ModificationRequest.objects.select_related("structure", "author")
        .filter(pk=modification_id)
        .first()
    )
    if modification is None or modification.author is None:
        return
    deliver(
        "directory/emails/modification_processed",
        {"modification": modification, "url": absolute_url(reverse("directory:account"))},
        modification.author.email,
    )


@task()
def send_pending_notice(notice_id):
    """To the people whose account the coordination removed (a refused registration) or
    erased: the reason, then the notice and its addresses are deleted. Only a confirmed
    address reads the structure's name, which a visitor typed."""
    notice = PendingNotice.objects.filter(pk=notice_id).first()
    if notice is None:
        return
    templates = {
        PendingNotice.Kind.REGISTRATION_REFUSED: "directory/emails/registration_refused",
        PendingNotice.Kind.ACCOUNT_ERASED: "directory/emails/account_erased",
    }
    for recipient in notice.recipients:
        deliver(
            templates[notice.kind],
            {
                "notice": notice,
                "show_name": recipient["confirmed"],
                "site_url": absolute_url("/"),
                "register_url": absolute_url(reverse("directory:register")),
            },
            recipient["email"],
        )
    notice.delete()


REFERENT_NOTICE_TEMPLATES = {
    "duoday.referent_deactivated": "directory/emails/referent_deactivated",
    "duoday.referent_reactivated": "directory/emails/referent_reactivated",
}


@task()
def send_referent_notice(log_entry_id):
    """A referent deactivated or reactivated by the coordination: the reason, read from the
    history entry the action wrote."""
    entry = ModelLogEntry.objects.filter(
        pk=log_entry_id, action__in=REFERENT_NOTICE_TEMPLATES
    ).first()
    if entry is None:
        return
    referent = (
        User.objects.select_related("structure")
        .filter(pk=entry.object_id, erased_at__isnull=True)
        .first()
    )
    if referent is None:
        return
    deliver(
        REFERENT_NOTICE_TEMPLATES[entry.action],
        {
            "referent": referent,
            "reason": entry.data.get("reason", ""),
            "login_url": absolute_url(reverse("directory:login")),
        },
        referent.email,
    )


@task()
def send_coordination_digest(digest_id):
    """The daily digest to each member of « Coordination »: the SAs to validate and the
    modification requests that arrived since the previous digest and still wait, each with
    its admin link."""
    from directory import admin_urls, services

    digest = CoordinationDigest.objects.filter(pk=digest_id).first()
    if digest is None:
        return
    window = {"created_at__lte": digest.until}
    if digest.since is not None:
        window["created_at__gt"] = digest.since
    structures = list(
        services.support_structures_awaiting_validation()
        .filter(**window)
        .select_related("department")
        .order_by("created_at", "pk")
    )
    modifications = list(
        services.pending_modification_requests()
        .filter(**window)
        .select_related("structure")
        .order_by("created_at", "pk")
    )
    if not structures and not modifications:
        return
    context = {
        "digest": digest,
        "structures": [
            (structure, absolute_url(admin_urls.structure_validation_url(structure)))
            for structure in structures
        ],
        "modifications": [
            (modification, absolute_url(admin_urls.modification_processing_url(modification)))
            for modification in modifications
        ],
        "structures_url": absolute_url(admin_urls.support_structures_awaiting_validation_url()),
        "modifications_url": absolute_url(admin_urls.pending_modification_requests_url()),
        "waiting_structures": services.support_structures_awaiting_validation().count(),
        "waiting_modifications": services.pending_modification_requests().count(),
    }
    for recipient in services.coordination_recipients().order_by("pk"):
        deliver("directory/emails/coordination_digest", context, recipient.email)
