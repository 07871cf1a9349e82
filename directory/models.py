import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from directory.enums import InvitationState, StructureKind, StructureType
from directory.validators import validate_printable_name, validate_siret

INVITATION_VALIDITY = datetime.timedelta(days=7)


class UserManager(DjangoUserManager):
    """Users log in with their e-mail address: there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    first_name = models.CharField(
        _("prénom"), max_length=150, blank=True, validators=[validate_printable_name]
    )
    last_name = models.CharField(
        _("nom"), max_length=150, blank=True, validators=[validate_printable_name]
    )
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    job_title = models.CharField(
        _("fonction"), max_length=150, blank=True, validators=[validate_printable_name]
    )
    structure = models.ForeignKey(
        "directory.Structure",
        verbose_name=_("structure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referents",
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmé le"), null=True, blank=True)
    # Set for registrants only, each time a confirmation link leaves: the link's validity
    # and the purge of unconfirmed registrations count from it.
    confirmation_sent_at = models.DateTimeField(
        _("lien de confirmation envoyé le"), null=True, blank=True, editable=False
    )
    # Set when the coordination erased the account on its owner's request (GDPR): the row
    # stays, for the structure's offers, duos and history, without any personal data.
    erased_at = models.DateTimeField(_("effacé le"), null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        super().save(*args, **kwargs)


class Department(models.Model):
    """One of the 101 French departments, shipped by a data migration."""

    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.CharField(_("région"), max_length=100)

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"


class StructureQuerySet(models.QuerySet):
    def employers(self):
        return self.filter(kind=StructureKind.EMPLOYER)

    def support_structures(self):
        return self.filter(kind=StructureKind.SUPPORT)

    def validated(self):
        return self.filter(validated_at__isnull=False)


class Structure(models.Model):
    """An employer or a support structure (« structure accompagnante », SA)."""

    kind = models.CharField(_("catégorie"), max_length=20, choices=StructureKind.choices)
    name = models.CharField(
        _("raison sociale"), max_length=255, validators=[validate_printable_name]
    )
    siret = models.CharField(_("SIRET"), max_length=14, validators=[validate_siret])
    structure_type = models.CharField(_("type"), max_length=30, choices=StructureType.choices)
    address = models.CharField(_("adresse"), max_length=255, validators=[validate_printable_name])
    postcode = models.CharField(_("code postal"), max_length=5)
    commune = models.CharField(_("commune"), max_length=150, validators=[validate_printable_name])
    department = models.ForeignKey(
        Department,
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        related_name="structures",
    )
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    served_departments = models.ManyToManyField(
        Department,
        verbose_name=_("départements couverts"),
        blank=True,
        related_name="served_by",
        help_text=_("Pour une structure accompagnante : les départements où elle intervient."),
    )
    created_at = models.DateTimeField(_("inscrite le"), default=timezone.now)
    validated_at = models.DateTimeField(_("validée le"), null=True, blank=True)

    objects = StructureQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "siret"], name="unique_siret_per_kind"),
        ]
        indexes = [
            models.Index(fields=["kind", "department"]),
            # The « Annuaire des SA » in its order (name, pk): read from the first name on,
            # 20 rows a page, rather than sorting every validated SA (3,000 at national
            # scale) for each page.
            models.Index(
                fields=["name", "id"],
                condition=models.Q(kind="support", validated_at__isnull=False),
                name="structure_validated_sa_by_name",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_employer(self):
        return self.kind == StructureKind.EMPLOYER

    @property
    def is_support(self):
        return self.kind == StructureKind.SUPPORT

    @property
    def is_validated(self):
        return self.validated_at is not None


def new_token():
    """Kept for migration 0003, which used it as the default of the raw token field."""
    return secrets.token_urlsafe(32)


INVITATION_TOKEN_SALT = "directory.Invitation.link_token"


def new_token_nonce():
    return secrets.token_urlsafe(24)


def invitation_token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    """An invitation's state, in SQL; `Invitation.state` says the same of one invitation."""

    def pending(self):
        return self.in_state(InvitationState.PENDING)

    def in_state(self, state):
        match state:
            case InvitationState.ACCEPTED:
                return self.filter(accepted_at__isnull=False)
            case InvitationState.REVOKED:
                return self.filter(accepted_at__isnull=True, revoked_at__isnull=False)
            case InvitationState.EXPIRED:
                return self.filter(
                    accepted_at__isnull=True,
                    revoked_at__isnull=True,
                    expires_at__lte=timezone.now(),
                )
            case InvitationState.PENDING:
                return self.filter(
                    accepted_at__isnull=True,
                    revoked_at__isnull=True,
                    expires_at__gt=timezone.now(),
                )
        raise ValueError(f"Unknown invitation state: {state!r}")

    def get_by_token(self, token):
        """The invitation whose link carries `token`, or None."""
        invitation = self.filter(token_hash=invitation_token_hash(token)).first()
        if invitation is None or not invitation.has_token(token):
            return None
        return invitation


class Invitation(models.Model):
    """A one-use, expiring link by which a new referent joins a structure.

    The link's token is never stored: it is an HMAC of a random per-invitation value
    (`token_nonce`) under SECRET_KEY, so that the e-mail task can rebuild the link from the
    invitation's id. The database keeps only the nonce and the token's SHA-256 (to find the
    invitation of a link): neither lets a reader of the database, or of an admin listing,
    forge a working link without SECRET_KEY.
    """

    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("adresse e-mail"))
    first_name = models.CharField(_("prénom"), max_length=150, validators=[validate_printable_name])
    last_name = models.CharField(_("nom"), max_length=150, validators=[validate_printable_name])
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invité par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Blank for the invitations sent before tokens were hashed: their links still work
    # (matched by hash) until they expire, but cannot be rebuilt.
    token_nonce = models.CharField(max_length=64, default=new_token_nonce, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoquée le"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email} → {self.structure}"

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        if self.expires_at is None:
            self.expires_at = self.created_at + INVITATION_VALIDITY
        if not self.token_hash:
            self.token_hash = invitation_token_hash(self.link_token())
        super().save(*args, **kwargs)

    def link_token(self, secret=None):
        """The token of the invitation's link: only the e-mail task needs it."""
        if not self.token_nonce:
            raise ValueError("An invitation sent before tokens were hashed has no nonce.")
        return salted_hmac(
            INVITATION_TOKEN_SALT, self.token_nonce, secret=secret, algorithm="sha256"
        ).hexdigest()

    def has_token(self, token):
        """Whether `token` opens this invitation (constant-time comparisons)."""
        if not constant_time_compare(self.token_hash, invitation_token_hash(token)):
            return False
        if not self.token_nonce:
            return True
        secrets_in_use = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        return any(
            constant_time_compare(self.link_token(secret), token) for secret in secrets_in_use
        )

    @property
    def state(self):
        """Accepted, else revoked, else expired, else pending (`InvitationQuerySet.in_state`
        says the same in SQL)."""
        if self.accepted_at is not None:
            return InvitationState.ACCEPTED
        if self.revoked_at is not None:
            return InvitationState.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING

    @property
    def is_pending(self):
        return self.state == InvitationState.PENDING


class ModificationRequest(models.Model):
    """A referent's request to change their structure's identity data."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        PROCESSED = "processed", _("Traitée")

    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="modification_requests",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("modifications à apporter"))
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    processed_at = models.DateTimeField(_("traitée le"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("traitée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    response = models.TextField(_("réponse de la coordination"), blank=True)

    class Meta:
        verbose_name = _("demande de modification")
        verbose_name_plural = _("demandes de modification")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.structure} — {self.created_at:%d/%m/%Y}"


class PendingNotice(models.Model):
    """A message to people whose account is gone by the time the worker sends it (a
    refused registration, an erased account): the addresses wait here, not in the task's
    arguments, and the task deletes the row once the message has left
    (`emails.send_pending_notice`)."""

    class Kind(models.TextChoices):
        REGISTRATION_REFUSED = "registration_refused", _("Inscription refusée")
        ACCOUNT_ERASED = "account_erased", _("Compte effacé")

    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    recipients = models.JSONField(_("destinataires"), default=list)
    structure_name = models.CharField(_("structure"), max_length=255)
    reason = models.TextField(_("motif"))
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        verbose_name = _("message en attente d’envoi")
        verbose_name_plural = _("messages en attente d’envoi")


class CoordinationDigest(models.Model):
    """One daily digest e-mailed to the « Coordination » group: what became waiting between
    `since` (the previous digest) and `until`. At most one per day (`day` is unique)."""

    day = models.DateField(_("jour"), unique=True)
    since = models.DateTimeField(_("depuis le"), null=True, blank=True)
    until = models.DateTimeField(_("jusqu’au"))

    class Meta:
        verbose_name = _("récapitulatif de la coordination")
        verbose_name_plural = _("récapitulatifs de la coordination")
        ordering = ["-day"]
