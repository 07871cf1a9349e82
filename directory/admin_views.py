"""The directory's admin views beyond wagtail-modeladmin's own (see admin_listings.py).

Each action view (`portal.admin.ConfirmActionView`) shows a confirmation page on GET and
calls one service on POST, then goes back to the page the coordinator came from (`next`),
or to the listing.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm

from directory import services
from directory.enums import TYPES_BY_KIND
from directory.models import Structure
from directory.validators import normalise_siret, validate_siret
from portal import admin as portal_admin
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


class DirectoryActionView(ConfirmActionView):
    """An action whose service may refuse (and then does nothing): the refusal is shown."""

    refusal_exceptions = (services.DirectoryError,)


class ValidateStructureView(DirectoryActionView):
    """« Valider » a structure: an SA's referents may then use their personal space, an
    employer's their « Annuaire des SA »."""

    action = "validate"
    page_title = gettext_lazy("Valider la structure")
    not_actionable_message = gettext_lazy("Cette structure est déjà validée.")

    def get_meta_title(self):
        return _("Valider la structure %(name)s") % {"name": self.instance.name}

    @classmethod
    def is_open_for(cls, structure):
        return not structure.is_validated

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


class ProcessModificationRequestView(DirectoryActionView):
    """« Marquer comme traitée » a modification request; its author is told by e-mail."""

    action = "process"
    page_title = gettext_lazy("Traiter la demande de modification")
    not_actionable_message = gettext_lazy("Cette demande de modification est déjà traitée.")

    def get_page_subtitle(self):
        return self.instance.structure.name

    def get_meta_title(self):
        return _("Traiter la demande de modification de %(name)s") % {
            "name": self.instance.structure.name
        }

    @classmethod
    def is_open_for(cls, modification):
        return modification.status == modification.Status.PENDING

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


# The coordinators' actions with a reason (issue 11): the reason is e-mailed to the people
# concerned and kept in the object's history.


class ReasonActionView(DirectoryActionView, portal_admin.ReasonActionView):
    """An action of the directory whose reason the coordinator types (required)."""


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

    def get_meta_title(self):
        return _("Refuser l’inscription de %(name)s") % {"name": self.instance.name}

    @classmethod
    def is_open_for(cls, structure):
        return structure.is_support and not structure.is_validated

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

    @classmethod
    def permits(cls, permission_helper, user, referent):
        return permission_helper.user_can_manage_referent(user, referent)

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
