from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Department, Structure
from directory.validators import validate_printable_name
from offers.enums import Modality, OfferStatus, Sector
from offers.querysets import OfferQuerySet


class EditionQuerySet(models.QuerySet):
    def past(self):
        return self.filter(duoday_date__lt=timezone.localdate())


class Edition(models.Model):
    """One yearly DuoDay operation; exactly one is current."""

    year = models.PositiveIntegerField(_("année"), unique=True)
    duoday_date = models.DateField(_("date du DuoDay"))
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
        ]

    def __str__(self):
        return f"DuoDay {self.year}"

    @property
    def is_past(self):
        return self.duoday_date < timezone.localdate()

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

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offre")
        verbose_name_plural = _("offres")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["edition", "status", "department"]),
            models.Index(fields=["structure", "edition"]),
            # The listings' order (newest first): no sort of every offer (see bench/).
            models.Index(fields=["-created_at", "-id"], name="offer_newest_first"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_filled(self):
        return self.status == OfferStatus.FILLED

    @property
    def is_read_only(self):
        return self.edition.is_past


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

    def __str__(self):
        return f"{self.person_first_name} {self.person_last_name} — {self.offer}"

    @property
    def person_name(self):
        return f"{self.person_first_name} {self.person_last_name}"
