"""The directory's admin views beyond wagtail-modeladmin's own (see admin_listings.py).

Each action view (`portal.admin.ConfirmActionView`) shows a confirmation page on GET and
calls one service on POST, then goes back to the page the coordinator came from (`next`),
or to the listing.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from directory import services
from directory.enums import TYPES_BY_KIND
from directory.models import Structure
from directory.validators import normalise_siret, validate_siret
from portal.admin import ChoicesAmongFewField, ConfirmActionView, duoday_admin


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

    def get_context_data(self, **kwargs):
        structures = duoday_admin.listing(Structure)
        return super().get_context_data(
            structure_edit_url=structures.url_helper.get_action_url(
                "edit", quote(self.instance.structure_id)
            ),
            **kwargs,
        )

    def get_form(self, data=None):
        return ProcessModificationRequestForm(data)

    def perform(self, form):
        services.process_modification_request(
            self.instance, self.request.user, form.cleaned_data["response"]
        )
        return _("Demande de modification marquée comme traitée")
