"""Views of the coordinators' admin beyond wagtail-modeladmin's own (see admin_listings.py).

Each action view shows a confirmation page on GET and calls one service on POST, then goes
back to the page the coordinator came from (`next`), or to the listing.
"""

import datetime

from django import forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import label_for_field, lookup_field, quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail_modeladmin.helpers import DjangoORMSearchHandler
from wagtail_modeladmin.views import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    InstanceSpecificView,
    WMABaseView,
)

from directory import services
from directory.enums import TYPES_BY_KIND
from directory.models import Structure
from directory.validators import normalise_siret, validate_siret
from portal.spreadsheets import safe_cell


def _local_datetime_for_csv(value):
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _local_datetime_for_xlsx(value):
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _date_for_csv(value):
    return date_format(value, "SHORT_DATE_FORMAT")


class BoundedSearchHandler(DjangoORMSearchHandler):
    """Searches the declared `search_fields` for the first words of the term only: a pasted
    page of text must not build a query the database refuses."""

    max_length = 200
    max_words = 10

    def search_queryset(self, queryset, search_term, **kwargs):
        words = search_term[: self.max_length].split()[: self.max_words]
        return super().search_queryset(queryset, " ".join(words), **kwargs)


class FrenchPaginator(WagtailPaginator):
    """Wagtail's listing count (« 2 éditions ») with the French rule: 0 and 1 are
    singular (« 0 duo », not « 0 duos »)."""

    @cached_property
    def items_count_label(self):
        name = self.verbose_name if self.count <= 1 else self.verbose_name_plural
        return f"{self.count} {name}"


class ExportIndexView(IndexView):
    """The modeladmin listing, restricted to what it declares, with spreadsheets a French
    coordinator can read.

    Only the declared `list_filter`s, the search (`q`), the ordering by a column (`o`), the
    page (`p`) and the export apply: wagtail-modeladmin would otherwise turn any other
    parameter into a lookup (`?password__startswith=…`), and the number of rows exported
    would tell the value of any field. An undeclared parameter, a value a filter cannot
    take or a NUL character brings the coordinator back to the whole listing, with a
    message.

    Choice fields export their label, booleans « Oui » / « Non », dates in local time (in
    French in CSV, as dates in XLSX) and empty values as empty cells (instead of the raw
    value and the listing's « - »); every cell is then made safe for a spreadsheet
    (portal/admin_spreadsheets.py), headings too.
    """

    paginator_class = FrenchPaginator
    # Checked in order: datetimes (already first in IndexView's) before dates.
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_CSV: _local_datetime_for_csv,
            IndexView.FORMAT_XLSX: _local_datetime_for_xlsx,
        },
        datetime.date: {IndexView.FORMAT_CSV: _date_for_csv},
    }

    def get_page_title(self):
        return self.model_admin.get_menu_label()

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.warning(
                request,
                _(
                    "Les filtres ou la recherche demandés ne sont pas valides : "
                    "voici la liste complète."
                ),
            )
            return redirect(request.path)

    def get_queryset(self, request=None):
        # modeladmin asks twice per page (in dispatch, then for the context), and each time
        # builds the filters again, whose choices may run queries.
        if getattr(self, "_filtered_queryset", None) is None:
            if any("\x00" in key + "".join(values) for key, values in self.params.lists()):
                # PostgreSQL refuses the character in a query: never send it.
                raise IncorrectLookupParameters("NUL character")
            self._filtered_queryset = super().get_queryset(request)
        return self._filtered_queryset

    def get_filters(self, request):
        """The declared filters; each takes its own parameters out of the query string, and
        any parameter left is refused instead of becoming a lookup."""
        filter_specs, has_filters, undeclared, use_distinct = super().get_filters(request)
        if undeclared:
            raise IncorrectLookupParameters(f"undeclared parameters: {sorted(undeclared)}")
        return filter_specs, has_filters, {}, use_distinct

    def get_heading(self, queryset, field):
        heading = self.export_headings.get(field) or label_for_field(
            field, model=self.model, model_admin=self.model_admin
        )
        return safe_cell(capfirst(str(heading)))

    def to_row_dict(self, item):
        row = {}
        for name in self.list_export:
            field, _attr, value = lookup_field(name, item, self.model_admin)
            if field is not None and field.choices:
                value = dict(field.flatchoices).get(value, value)
            if isinstance(value, bool):
                value = _("Oui") if value else _("Non")
            elif value is None:
                value = ""
            row[name] = value
        return row


class ScopedInstanceMixin:
    """For the views of one object (inspect, edit, delete, history, actions).

    A user with no permission on the model is refused before anything is looked up, so that
    the answer tells nothing of which ids exist; then a malformed id, or an object the
    listing does not hold (`ModelAdmin.get_queryset`, e.g. a staff account for the
    referents' listing), answers 404 instead of an error.
    """

    def __init__(self, model_admin, instance_pk):
        # InstanceSpecificView would look the object up here, before knowing the request.
        WMABaseView.__init__(self, model_admin)
        self.instance_pk = unquote(instance_pk)
        self.pk_quoted = quote(self.instance_pk)

    def setup(self, request, *args, **kwargs):
        if not self.permission_helper.user_has_any_permissions(request.user):
            raise PermissionDenied
        self.instance = self.load_instance(request)
        super().setup(request, *args, **kwargs)

    def load_instance(self, request):
        try:
            pk = self.opts.pk.to_python(self.instance_pk)
        except ValidationError as malformed:
            raise Http404 from malformed
        return get_object_or_404(self.model_admin.get_queryset(request), pk=pk)


class DirectoryInspectView(ScopedInstanceMixin, InspectView):
    """The modeladmin inspect page; its fields may also name the ModelAdmin's display
    methods, as `list_display` does (e.g. an offer's employer for a duo)."""

    def get_field_label(self, field_name, field=None):
        return label_for_field(field_name, model=self.model, model_admin=self.model_admin)

    def get_field_display_value(self, field_name, field=None):
        if field is None and not hasattr(self.instance, field_name):
            value = getattr(self.model_admin, field_name)(self.instance)
            if value is None or value == "":
                return self.model_admin.get_empty_value_display(field_name)
        else:
            value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Oui") if value else _("Non")
        return value


class DirectoryHistoryView(ScopedInstanceMixin, HistoryView):
    """The log of one object, for those who may see the model only."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_has_any_permissions(user)


class DirectoryEditView(ScopedInstanceMixin, EditView):
    """The edit form of one object the listing holds."""


class DirectoryDeleteView(ScopedInstanceMixin, DeleteView):
    """The deletion of one object the listing holds (where its permission helper allows)."""


class ChoicesAmongFewField(forms.ModelMultipleChoiceField):
    """Objects to tick among a short list (the 101 departments): a value that is none of
    theirs is refused before any query uses it (SQLite fails on an integer beyond 64 bits)."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            known = {str(pk) for pk in self.queryset.values_list("pk", flat=True)}
            for item in value:
                if str(item) not in known:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)


class StructureAdminForm(WagtailAdminModelForm):
    """The identity of a structure as the coordination corrects it; its kind stays."""

    class Meta:
        field_classes = {"served_departments": ChoicesAmongFewField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed_types = TYPES_BY_KIND.get(self.instance.kind, [])
        self.fields["structure_type"].choices = [
            (value, label)
            for value, label in self.fields["structure_type"].choices
            if value in allowed_types
        ]
        if not self.instance.is_support:
            self.fields.pop("served_departments", None)

    def clean_siret(self):
        siret = normalise_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        duplicates = Structure.objects.filter(kind=self.instance.kind, siret=siret).exclude(
            pk=self.instance.pk
        )
        if duplicates.exists():
            raise ValidationError(
                _("Une autre structure de la même catégorie a déjà ce numéro SIRET.")
            )
        return siret


class ConfirmActionView(ScopedInstanceMixin, InstanceSpecificView):
    """A confirmation page for one action on one object, allowed by `check_action_permitted`.

    Subclasses name the `action` (its template is `modeladmin/<app>/<model>/<action>.html`),
    say whether the object is still `actionable`, and `perform` the action.
    """

    action = None
    not_actionable_message = ""

    def is_actionable(self):
        raise NotImplementedError

    def perform(self, form):
        raise NotImplementedError

    def get_form(self, data=None):
        return None

    def get_template_names(self):
        return self.model_admin.get_templates(self.action)

    def get_next_url(self):
        """The admin page the coordinator came from (a path of this site), or the listing."""
        next_url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if (
            next_url.startswith("/")
            and next_url.isprintable()
            and url_has_allowed_host_and_scheme(
                next_url,
                allowed_hosts={self.request.get_host()},
                require_https=self.request.is_secure(),
            )
        ):
            return next_url
        return self.index_url

    def get_context_data(self, **kwargs):
        return super().get_context_data(next_url=self.get_next_url(), **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.is_actionable():
            messages.warning(request, self.not_actionable_message)
            return redirect(self.get_next_url())
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def get_success_url(self):
        return self.get_next_url()

    def post(self, request, *args, **kwargs):
        if not self.is_actionable():
            messages.warning(request, self.not_actionable_message)
            return redirect(self.get_next_url())
        form = self.get_form(request.POST)
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            with transaction.atomic():
                # Locked and checked again: a double click must not act (and e-mail) twice.
                self.instance = self.model._default_manager.select_for_update().get(
                    pk=self.instance.pk
                )
                success_message = self.perform(form) if self.is_actionable() else None
        except services.DirectoryError as refused:
            # The service refused (and nothing was done): say why.
            messages.error(request, str(refused))
            return redirect(self.get_next_url())
        if success_message is None:
            messages.warning(request, self.not_actionable_message)
            return redirect(self.get_next_url())
        messages.success(request, success_message)
        return redirect(self.get_success_url())


class ValidateStructureView(ConfirmActionView):
    """« Valider » a structure: an SA's referents may then use their personal space, an
    employer's their « Annuaire des SA »."""

    action = "validate"
    page_title = gettext_lazy("Valider la structure")
    not_actionable_message = gettext_lazy("Cette structure est déjà validée.")

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_validate_obj(user, self.instance)

    def get_meta_title(self):
        return _("Valider la structure %(name)s") % {"name": self.instance.name}

    def is_actionable(self):
        return not self.instance.is_validated

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            referents=self.instance.referents.order_by("last_name", "first_name", "pk"),
            served_departments=self.instance.served_departments.order_by("code"),
            **kwargs,
        )

    def perform(self, form):
        services.validate_support_structure(self.instance, self.request.user)
        return _("Structure validée")


class ProcessModificationRequestForm(forms.Form):
    response = forms.CharField(
        label=gettext_lazy("Réponse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "Facultatif. Envoyée par e-mail à l’auteur de la demande avec la confirmation."
        ),
    )


class ProcessModificationRequestView(ConfirmActionView):
    """« Marquer comme traitée » a modification request; its author is told by e-mail."""

    action = "process"
    page_title = gettext_lazy("Traiter la demande de modification")
    not_actionable_message = gettext_lazy("Cette demande de modification est déjà traitée.")

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_process_obj(user, self.instance)

    def get_meta_title(self):
        return _("Traiter la demande de modification de %(name)s") % {
            "name": self.instance.structure.name
        }

    def is_actionable(self):
        return self.instance.status == self.model.Status.PENDING

    def get_form(self, data=None):
        return ProcessModificationRequestForm(data)

    def perform(self, form):
        services.process_modification_request(
            self.instance, self.request.user, form.cleaned_data["response"]
        )
        return _("Demande de modification marquée comme traitée")


# The coordinators' actions with a reason (issue 11): the reason is e-mailed to the people
# concerned and kept in the object's history.


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": gettext_lazy("Indiquez le motif : il est envoyé par e-mail."),
            "max_length": gettext_lazy(
                "Le motif ne doit pas dépasser %(limit_value)d caractères (il en compte "
                "%(show_value)d)."
            ),
        },
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if "\x00" in reason:
            raise ValidationError(_("Le motif contient un caractère non autorisé."))
        return reason


class ReasonActionView(ConfirmActionView):
    """An action whose reason the coordinator types (required); its page extends
    modeladmin/directory/includes/reason_action_page.html."""

    reason_help_text = ""

    def get_page_subtitle(self):
        return str(self.instance)

    def get_form(self, data=None):
        return ReasonForm(data, help_text=self.reason_help_text)


class RefuseStructureView(ReasonActionView):
    """« Refuser » an SA waiting for validation (services.refuse_support_registration)."""

    action = "refuse"
    page_title = gettext_lazy("Refuser l’inscription")
    not_actionable_message = gettext_lazy(
        "Seule une structure accompagnante en attente de validation peut être refusée."
    )
    reason_help_text = gettext_lazy(
        "Envoyé par e-mail aux référents de la structure ; gardé dans l’historique."
    )

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_refuse_obj(user, self.instance)

    def get_meta_title(self):
        return _("Refuser l’inscription de %(name)s") % {"name": self.instance.name}

    def is_actionable(self):
        return self.instance.is_support and not self.instance.is_validated

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            referents=self.instance.referents.order_by("last_name", "first_name", "pk"),
            **kwargs,
        )

    def get_success_url(self):
        """Back where the coordinator came from, unless it was a page of the structure,
        which is no more."""
        next_url = self.get_next_url()
        try:
            match = resolve(next_url.split("?", 1)[0])
        except Resolver404:
            return next_url
        if str(match.kwargs.get("instance_pk")) == str(self.instance_pk):
            return self.index_url
        return next_url

    def perform(self, form):
        name = self.instance.name
        services.refuse_support_registration(
            self.instance, self.request.user, form.cleaned_data["reason"]
        )
        return _("Inscription de « %(name)s » refusée ; ses référents sont prévenus.") % {
            "name": name
        }


class ReferentActionView(ReasonActionView):
    reason_help_text = gettext_lazy("Envoyé par e-mail au référent ; gardé dans l’historique.")

    def get_refusal(self):
        """Why the service would refuse, said before the coordinator types a reason."""
        return None

    def get(self, request, *args, **kwargs):
        refusal = self.get_refusal() if self.is_actionable() else None
        if refusal:
            messages.error(request, refusal)
            return redirect(self.get_next_url())
        return super().get(request, *args, **kwargs)

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_manage_referent(user, self.instance)

    def get_meta_title(self):
        return f"{self.page_title} — {self.instance}"


class DeactivateReferentView(ReferentActionView):
    action = "deactivate"
    page_title = gettext_lazy("Désactiver le référent")
    not_actionable_message = gettext_lazy("Ce référent est déjà désactivé.")

    def is_actionable(self):
        return self.instance.is_active

    def get_refusal(self):
        others = (
            self.model.objects.filter(structure=self.instance.structure_id, is_active=True)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if not others:
            return _("Impossible de désactiver le dernier référent actif de la structure.")
        return None

    def perform(self, form):
        services.deactivate_referent_for_coordination(
            self.instance, self.request.user, form.cleaned_data["reason"]
        )
        return _(
            "Le compte de %(person)s est désactivé ; ses offres passent à un autre référent."
        ) % {"person": self.instance}


class ReactivateReferentView(ReferentActionView):
    action = "reactivate"
    page_title = gettext_lazy("Réactiver le référent")
    not_actionable_message = gettext_lazy("Ce référent est déjà actif, ou son compte est effacé.")

    def is_actionable(self):
        return not self.instance.is_active and self.instance.erased_at is None

    def perform(self, form):
        services.reactivate_referent(self.instance, self.request.user, form.cleaned_data["reason"])
        return _("Le compte de %(person)s est réactivé.") % {"person": self.instance}


class EraseAccountView(ReferentActionView):
    """Erase a person's account on their request (GDPR): irreversible, said so."""

    action = "erase"
    page_title = gettext_lazy("Effacer le compte (RGPD)")
    not_actionable_message = gettext_lazy("Ce compte ne peut pas être effacé.")
    reason_help_text = gettext_lazy(
        "Envoyé par e-mail à la personne et gardé dans l’historique : n’y mettez aucune "
        "donnée personnelle (ni nom, ni adresse)."
    )

    def is_actionable(self):
        return self.instance.erased_at is None

    def get_refusal(self):
        return services.erasure_refusal(self.instance)

    def perform(self, form):
        services.erase_account(self.instance, self.request.user, form.cleaned_data["reason"])
        return _("Le compte est effacé : ses données personnelles sont anonymisées.")
