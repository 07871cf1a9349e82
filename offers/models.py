import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from directory import perms
from directory.models import Department, Structure
from directory.validators import validate_printable_name
from offers import refusals
from offers.enums import EditionState, Modality, OfferStatus, ReminderKind, Sector
from offers.querysets import DuoQuerySet, OfferQuerySet


def seeph_week(duoday_date):
    """The week (Monday to Sunday) around a DuoDay date: the SEEPH's usual bounds."""
    week_start = duoday_date - datetime.timedelta(days=duoday_date.weekday())
    return week_start, week_start + datetime.timedelta(days=6)


class EditionQuerySet(models.QuerySet):
    def past(self):
        """Editions whose DuoDay week has ended: their offers are read-only."""
        return self.filter(week_end__lt=timezone.localdate())


class Edition(models.Model):
    """One yearly DuoDay operation; exactly one is current."""

    year = models.PositiveIntegerField(_("année"), unique=True)
    duoday_date = models.DateField(
        _("date du DuoDay"), help_text=_("La date proposée par défaut pour les offres.")
    )
    week_start = models.DateField(_("début de la semaine DuoDay (SEEPH)"))
    week_end = models.DateField(_("fin de la semaine DuoDay (SEEPH)"))
    registration_opens = models.DateField(_("ouverture des inscriptions"))
    registration_closes = models.DateField(_("clôture des inscriptions"))
    is_current = models.BooleanField(_("édition en cours"), default=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="one_current_edition"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__lte=models.F("registration_closes")),
                name="registration_opens_before_it_closes",
            ),
            models.CheckConstraint(
                condition=Q(week_start__lte=models.F("duoday_date"))
                & Q(duoday_date__lte=models.F("week_end")),
                name="duoday_date_inside_the_week",
            ),
        ]

    def __str__(self):
        return f"DuoDay {self.year}"

    @property
    def is_past(self):
        """The DuoDay week has ended: offers read-only, duos under « Historique »."""
        return self.week_end < timezone.localdate()

    @property
    def state(self):
        if self.is_current:
            return EditionState.CURRENT
        if self.is_past:
            return EditionState.PAST
        return EditionState.UPCOMING

    @property
    def may_become_current(self):
        """« Rendre courante »: an upcoming edition only."""
        return self.state == EditionState.UPCOMING

    def week_contains(self, date):
        return self.week_start <= date <= self.week_end

    def registration_is_open(self, today=None):
        today = today or timezone.localdate()
        return self.registration_opens <= today <= self.registration_closes

    def registration_closed_message(self, today=None, registering=False):
        """Why employers cannot register (`registering`) nor add offers today, or None while
        they can. Editing offers and the support structures' side stay open until the week
        ends."""
        today = today or timezone.localdate()
        if self.registration_is_open(today):
            return None
        dates = {
            "year": self.year,
            "opens": date_format(self.registration_opens, "DATE_FORMAT"),
            "closes": date_format(self.registration_closes, "DATE_FORMAT"),
        }
        if today < self.registration_opens:
            return (
                _("Les inscriptions des employeurs à DuoDay %(year)s ouvriront le %(opens)s.")
                % dates
            )
        closed = (
            _("Les inscriptions des employeurs à DuoDay %(year)s sont closes depuis le %(closes)s.")
            % dates
        )
        if registering:
            return closed
        return " ".join(
            [
                closed,
                str(
                    _(
                        "Vous ne pouvez plus ajouter d’offre, mais vous pouvez encore modifier "
                        "les vôtres jusqu’à la fin de la semaine DuoDay."
                    )
                ),
            ]
        )

    @classmethod
    def current(cls):
        return cls.objects.filter(is_current=True).first()


class Offer(models.Model):
    """One duo offer of an employer: one offer is one duo."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("édition"), on_delete=models.PROTECT, related_name="offers"
    )
    structure = models.ForeignKey(
        Structure, verbose_name=_("employeur"), on_delete=models.CASCADE, related_name="offers"
    )
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent de l'offre"),
        on_delete=models.PROTECT,
        related_name="referent_offers",
    )
    title = models.CharField(
        _("intitulé du poste"), max_length=200, validators=[validate_printable_name]
    )
    description = models.TextField(_("description des missions"))
    sector = models.CharField(_("secteur d'activité"), max_length=30, choices=Sector.choices)
    address = models.CharField(_("adresse"), max_length=255, validators=[validate_printable_name])
    postcode = models.CharField(_("code postal"), max_length=5)
    commune = models.CharField(_("commune"), max_length=150, validators=[validate_printable_name])
    department = models.ForeignKey(
        Department,
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    modality = models.CharField(
        _("modalité"), max_length=20, choices=Modality.choices, default=Modality.ON_SITE
    )
    date = models.DateField(_("date"))
    schedule = models.CharField(_("horaires"), max_length=150, blank=True)
    accessibility = models.TextField(_("accessibilité du lieu"), blank=True)
    status = models.CharField(
        _("état"),
        max_length=20,
        choices=OfferStatus.choices,
        default=OfferStatus.OPEN,
        editable=False,
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # « Reconduire mes offres »: the past offer this one copies, so that it is copied once.
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("reconduite depuis"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="copies",
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The SA's « Offres » and its count (`Offer.objects.answerable_by`): the open
            # offers of the edition in the served departments or remote, read from the
            # index alone (no visit of 100,000 rows to test `modality`).
            models.Index(
                fields=["edition", "status", "department", "modality"], name="offer_open_in_reach"
            ),
            # The employer's « Offres » of an edition, newest first, without a sort.
            models.Index(
                fields=["structure", "edition", "-created_at"], name="offer_employer_newest"
            ),
            # The department choices of the employer's filters and the « Annuaire des SA »:
            # the departments of its offers from the index alone.
            models.Index(fields=["structure", "department"], name="offer_employer_departments"),
            # The listings' order (newest first): no sort of every offer (see bench/).
            models.Index(fields=["-created_at", "-id"], name="offer_newest_first"),
        ]
        constraints = [
            # Reconducting twice creates no duplicate, even for two submissions at once.
            models.UniqueConstraint(
                fields=["edition", "copied_from"],
                condition=Q(copied_from__isnull=False),
                name="one_copy_per_edition",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_filled(self):
        return self.status == OfferStatus.FILLED

    @property
    def is_read_only(self):
        return self.edition.is_past

    def deletion_refusal(self, structure):
        """Why `structure` may not delete this offer (a French message), or None: its
        employer deletes it, except a « Concrétisée » one, which only the SA that formed its
        duo deletes. The view and the workflow both ask (a past edition's offers are
        read-only besides)."""
        if self.is_filled:
            if structure is None or not structure.is_support:
                return refusals.FILLED_OFFER_DELETION
            formed_by = self.duos.active().values_list("structure_id", flat=True).first()
            if formed_by != structure.pk:
                return refusals.FILLED_OFFER_DELETION
            return None
        if not perms.is_employer(structure) or self.structure_id != structure.pk:
            return refusals.EMPLOYER_ONLY
        return None


class Interest(models.Model):
    """A support structure declared « Je suis intéressé(e) » for an offer."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("offre"), on_delete=models.CASCADE, related_name="interests"
    )
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure accompagnante"),
        on_delete=models.CASCADE,
        related_name="interests",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("référent"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("déclaré le"), default=timezone.now)

    class Meta:
        verbose_name = _("intérêt")
        verbose_name_plural = _("intérêts")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "structure"], name="one_interest_per_sa")
        ]
        indexes = [
            # « Mes duos »: the SA's latest interests in open offers, newest first, read in
            # that order until the page is full rather than all sorted.
            models.Index(
                F("structure"), F("created_at").desc(), F("id").desc(), name="interest_sa_newest"
            ),
        ]

    def __str__(self):
        return f"{self.structure} → {self.offer}"


class Duo(models.Model):
    """A person associated with an offer by a support structure.

    Only the person's first and last name: nothing about a disability is ever stored.
    """

    offer = models.ForeignKey(
        Offer, verbose_name=_("offre"), on_delete=models.CASCADE, related_name="duos"
    )
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("structure accompagnante"),
        on_delete=models.CASCADE,
        related_name="duos",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("constitué par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person_first_name = models.CharField(
        _("prénom de la personne"), max_length=150, validators=[validate_printable_name]
    )
    person_last_name = models.CharField(
        _("nom de la personne"), max_length=150, validators=[validate_printable_name]
    )
    created_at = models.DateTimeField(_("constitué le"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)

    objects = DuoQuerySet.as_manager()

    class Meta:
        verbose_name = _("duo")
        verbose_name_plural = _("duos")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The last word on « one duo per offer », even for two simultaneous submissions.
            models.UniqueConstraint(
                fields=["offer"], condition=Q(cancelled_at__isnull=True), name="one_duo_per_offer"
            )
        ]

    @property
    def is_active(self):
        """Not cancelled (`Duo.objects.active()` says the same in SQL)."""
        return self.cancelled_at is None

    def __str__(self):
        return f"{self.person_first_name} {self.person_last_name} — {self.offer}"

    @property
    def person_name(self):
        return f"{self.person_first_name} {self.person_last_name}"


class Reminder(models.Model):
    """A reminder e-mail, recorded when it is sent so that it never leaves twice
    (offers/reminders.py): per offer, or per employer and edition."""

    kind = models.CharField(_("rappel"), max_length=30, choices=ReminderKind.choices)
    edition = models.ForeignKey(
        Edition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offre"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    structure = models.ForeignKey(
        Structure,
        verbose_name=_("employeur"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        verbose_name = _("rappel")
        verbose_name_plural = _("rappels")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # The last word on « sent once », even for two runs at the same instant.
            models.UniqueConstraint(
                fields=["kind", "offer"],
                condition=Q(offer__isnull=False),
                name="one_reminder_per_offer",
            ),
            models.UniqueConstraint(
                fields=["kind", "edition", "structure"],
                condition=Q(structure__isnull=False),
                name="one_reminder_per_structure_and_edition",
            ),
            models.CheckConstraint(
                condition=Q(offer__isnull=False, structure__isnull=True)
                | Q(offer__isnull=True, structure__isnull=False),
                name="reminder_about_an_offer_or_a_structure",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.offer or self.structure}"
