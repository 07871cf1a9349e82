"""Views of the coordinators' admin for editions and offers (see offers/admin_listings.py).

Editions are created and corrected here, each through one function of offers/editions.py;
a past edition is read-only. Offers, interests and duos are listed and inspected; they change
through the referents' personal space, except for two powers of the coordination, each with
a reason typed by the coordinator (offers/workflow.py): « Annuler le duo » and « Supprimer
l’offre » (a « Concrétisée » one, which its employer may not delete).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.log_actions import log
from wagtail_modeladmin.views import CreateView

from offers import editions, workflow
from offers.enums import OfferStatus
from offers.models import Offer, seeph_week
from portal.admin import (
    ConfirmActionView,
    DuoDayEditView,
    DuoDayInspectView,
    ReasonActionView,
)


class EditionForm(WagtailAdminModelForm):
    """An edition's year and dates, as the coordination sets them."""

    class Meta:
        error_messages = {
            "year": {"unique": gettext_lazy("Une édition existe déjà pour cette année.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("week_start", "week_end"):
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = _(
                    "Laissez vide : la semaine (du lundi au dimanche) de la date du DuoDay."
                )

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        duoday_date = cleaned_data.get("duoday_date")
        opens = cleaned_data.get("registration_opens")
        closes = cleaned_data.get("registration_closes")
        self._clean_week(cleaned_data, duoday_date)
        if duoday_date is not None:
            if duoday_date < timezone.localdate():
                self.add_error("duoday_date", _("La date du DuoDay ne peut pas être déjà passée."))
            elif year is not None and duoday_date.year != year:
                self.add_error(
                    "duoday_date",
                    _("Le DuoDay de l’édition %(year)s doit avoir lieu en %(year)s.")
                    % {"year": year},
                )
        if opens is not None and closes is not None and closes < opens:
            self.add_error(
                "registration_closes",
                ValidationError(
                    _("La clôture des inscriptions ne peut pas précéder leur ouverture."),
                    code="closes_before_opens",
                ),
            )
        elif closes is not None and duoday_date is not None and closes > duoday_date:
            self.add_error(
                "registration_closes",
                _("Les inscriptions doivent être closes au plus tard le jour du DuoDay."),
            )
        return cleaned_data

    def _clean_week(self, cleaned_data, duoday_date):
        """The SEEPH week holds the DuoDay date; left empty, it is that date's week."""
        if duoday_date is None:
            return
        default_start, default_end = seeph_week(duoday_date)
        week_start = cleaned_data.get("week_start") or default_start
        week_end = cleaned_data.get("week_end") or default_end
        cleaned_data["week_start"], cleaned_data["week_end"] = week_start, week_end
        self.instance.week_start, self.instance.week_end = week_start, week_end
        if not week_start <= duoday_date <= week_end:
            self.add_error(
                "week_start",
                _("La semaine DuoDay doit contenir la date du DuoDay (%(date)s).")
                % {"date": date_format(duoday_date, "SHORT_DATE_FORMAT")},
            )
        elif (week_end - week_start).days > 6:
            self.add_error("week_end", _("La semaine DuoDay dure sept jours au plus."))


class EditionCreateView(CreateView):
    page_title = gettext_lazy("Nouvelle édition")

    def get_meta_title(self):
        return _("Nouvelle édition")

    def get_page_subtitle(self):
        return ""

    def form_valid(self, form):
        self.instance = editions.create_edition(form.save(commit=False))
        log(instance=self.instance, action="wagtail.create", content_changed=True)
        if self.instance.is_current:
            message = _("Édition « %(edition)s » créée : c’est l’édition en cours.")
        else:
            message = _("Édition « %(edition)s » créée.")
        messages.success(
            self.request,
            message % {"edition": self.instance},
            buttons=self.get_success_message_buttons(self.instance),
        )
        return redirect(self.get_success_url())


class EditionEditView(DuoDayEditView):
    """Corrects an edition not yet past; a past one is refused with a message."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_change(user)

    def get_meta_title(self):
        return _("Modifier l’édition")

    def refuse_past_edition(self, message=None):
        messages.warning(
            self.request,
            message
            or _("L’édition « %(edition)s » est passée : elle n’est plus modifiable.")
            % {"edition": self.instance},
        )
        return redirect(self.url_helper.get_action_url("inspect", self.pk_quoted))

    def get(self, request, *args, **kwargs):
        if self.instance.is_past:
            return self.refuse_past_edition()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.instance.is_past:
            return self.refuse_past_edition()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.instance = editions.update_edition(form.save(commit=False))
        except editions.EditionError as error:
            return self.refuse_past_edition(str(error))
        log(instance=self.instance, action="wagtail.edit", content_changed=form.has_changed())
        messages.success(
            self.request,
            _("Édition « %(edition)s » modifiée.") % {"edition": self.instance},
            buttons=self.get_success_message_buttons(self.instance),
        )
        return redirect(self.get_success_url())


class MakeEditionCurrentView(ConfirmActionView):
    """« Rendre courante »: the edition replaces the current one, in one transaction."""

    action = "make_current"
    page_title = gettext_lazy("Rendre l’édition courante")

    def get_meta_title(self):
        return _("Rendre courante l’édition %(edition)s") % {"edition": self.instance}

    @property
    def not_actionable_message(self):
        if self.instance.is_current:
            return _("« %(edition)s » est déjà l’édition en cours.") % {"edition": self.instance}
        return _(
            "L’édition « %(edition)s » est passée : elle ne peut plus devenir l’édition en cours."
        ) % {"edition": self.instance}

    @classmethod
    def is_open_for(cls, edition):
        return edition.may_become_current

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            current_edition=self.model.current(),
            **kwargs,
        )

    def perform(self, form):
        editions.make_current(self.instance)
        return _("« %(edition)s » est désormais l’édition en cours.") % {"edition": self.instance}


class OfferInspectView(DuoDayInspectView):
    """An offer, with the support structures interested in it and its duos."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            interests=self.instance.interests.select_related("structure", "user").order_by(
                "created_at", "pk"
            ),
            duos=self.instance.duos.select_related("structure").order_by("-created_at", "-pk"),
            **kwargs,
        )


# The coordination's powers on duos and offers


class CoordinationActionView(ReasonActionView):
    """A confirmation page with the coordinator's reason; a transition the workflow refuses
    (the object changed meanwhile) is told as a warning, and nothing is done."""

    reason_required_message = gettext_lazy(
        "Indiquez le motif : il est envoyé par e-mail aux personnes concernées."
    )
    refusal = None

    def perform(self, form):
        try:
            return self.act(form.cleaned_data["reason"])
        except workflow.InvalidTransition as refusal:
            self.refusal = str(refusal)
            return None

    def act(self, reason):
        raise NotImplementedError


class CancelDuoView(CoordinationActionView):
    """« Annuler le duo » at the employer's or the SA's request: the duo stays, cancelled."""

    action = "cancel"
    page_title = gettext_lazy("Annuler le duo")
    reason_help_text = gettext_lazy(
        "Envoyé par e-mail au référent de l’offre et aux référents de la structure "
        "accompagnante ; gardé dans l’historique du duo."
    )

    def get_page_subtitle(self):
        return self.instance.person_name

    def get_meta_title(self):
        return _("Annuler le duo de %(person)s") % {"person": self.instance.person_name}

    def lock_instance(self):
        # In the workflow's order: the offer, then its duo.
        Offer.objects.select_for_update().filter(pk=self.instance.offer_id).first()
        return (
            self.model_admin.get_queryset(self.request)
            .select_for_update(of=("self",))
            .get(pk=self.instance.pk)
        )

    @classmethod
    def is_open_for(cls, duo):
        return duo.is_active and not duo.offer.edition.is_past

    @property
    def not_actionable_message(self):
        if self.refusal:
            return self.refusal
        if self.instance.cancelled_at is not None:
            return _("Ce duo est déjà annulé.")
        return _("Cette édition est passée : ses duos ne sont plus modifiables.")

    def act(self, reason):
        workflow.cancel_duo_by_coordination(self.instance, self.request.user, reason)
        return _(
            "Duo de %(person)s pour « %(offer)s » annulé : l’employeur et la structure "
            "accompagnante en sont prévenus par e-mail, avec le motif."
        ) % {"person": self.instance.person_name, "offer": self.instance.offer.title}


class DeleteFilledOfferView(CoordinationActionView):
    """« Supprimer l’offre » « Concrétisée » for its employer: the offer goes with its duo."""

    action = "delete_filled"
    page_title = gettext_lazy("Supprimer l’offre concrétisée")
    reason_help_text = gettext_lazy(
        "Envoyé par e-mail au référent de l’offre et aux structures accompagnantes "
        "concernées ; gardé dans l’historique de l’employeur."
    )

    def get_meta_title(self):
        return _("Supprimer l’offre %(offer)s") % {"offer": self.instance.title}

    def get_next_url(self):
        """Not the offer's own pages, which are gone once it is deleted."""
        next_url = super().get_next_url()
        own_pages = [
            self.url_helper.get_action_url(action, self.pk_quoted)
            for action in ("inspect", "history", self.action)
        ]
        if any(next_url.startswith(page) for page in own_pages):
            return self.index_url
        return next_url

    @classmethod
    def is_open_for(cls, offer):
        return offer.status == OfferStatus.FILLED and not offer.edition.is_past

    @property
    def not_actionable_message(self):
        if self.refusal:
            return self.refusal
        if self.instance.status != OfferStatus.FILLED:
            return _(
                "Cette offre n’est pas « Concrétisée » : son employeur peut la supprimer "
                "lui-même depuis son espace."
            )
        return _("Cette édition est passée : ses offres ne sont plus modifiables.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            duo=self.instance.duos.filter(cancelled_at__isnull=True)
            .select_related("structure")
            .first(),
            interest_count=self.instance.interests.count(),
            **kwargs,
        )

    def act(self, reason):
        title = self.instance.title
        workflow.delete_offer_by_coordination(self.instance, self.request.user, reason)
        return _(
            "Offre « %(offer)s » supprimée, avec son duo : le référent de l’offre et les "
            "structures accompagnantes concernées en sont prévenus par e-mail, avec le motif."
        ) % {"offer": title}
