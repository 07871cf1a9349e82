"""The directory's listings in the coordinators' « DuoDay » menu (wagtail-modeladmin).

Structures, referents, invitations and modification requests: filters, search, CSV/XLSX
export; « Valider » a structure and « Marquer comme traitée » a modification
request, each through a confirmation page (directory/admin_views.py) that calls a service.
directory/wagtail_hooks.py adds them to the « DuoDay » menu; their base is in portal/admin.py.

Who may do what comes from the model permissions: « Coordination » has them all, the
« Éditeurs » none of these, so the menu is hidden from them and every view refuses them
(PermissionDenied, which Wagtail's admin turns into a redirection to its dashboard).
"""

from django import forms
from django.contrib.admin import RelatedOnlyFieldListFilter, SimpleListFilter, display
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList

from directory import perms
from directory.admin_views import (
    DeactivateReferentView,
    EraseAccountView,
    ProcessModificationRequestView,
    ReactivateReferentView,
    RefuseStructureView,
    StructureAdminForm,
    ValidateStructureView,
)
from directory.enums import InvitationState
from directory.models import Invitation, ModificationRequest, Structure, User
from portal.admin import (
    ActionButtonHelper,
    DuoDayModelAdmin,
    NeverCreatedNorDeletedPermissionHelper,
    ReadOnlyPermissionHelper,
)

# Permissions


class StructurePermissionHelper(NeverCreatedNorDeletedPermissionHelper):
    """Structures are created by their registration form and never deleted."""

    def user_can_validate_obj(self, user, obj):
        return perms.may_validate_structure(user)

    def user_can_refuse_obj(self, user, obj):
        return perms.may_refuse_registration(user)


class ReferentPermissionHelper(ReadOnlyPermissionHelper):
    """Accounts are administered by superusers (directory/roles.py); the coordination acts
    on referents through its actions only (deactivate, reactivate, erase), as it may
    change their structures."""

    def user_can_manage_referent(self, user, obj):
        return perms.may_manage_referents(user)


class ModificationRequestPermissionHelper(ReadOnlyPermissionHelper):
    def user_can_process_obj(self, user, obj):
        return perms.may_process_modification_request(user)


# Buttons


class StructureButtonHelper(ActionButtonHelper):
    """« Valider » a structure waiting for validation; « Refuser » an SA's registration."""

    actions = [
        ("validate", _("Valider"), _("Valider cette structure")),
        ("refuse", _("Refuser"), _("Refuser l’inscription de cette structure")),
    ]


class ReferentButtonHelper(ActionButtonHelper):
    """« Désactiver » or « Réactiver » a referent, « Effacer (RGPD) » their account."""

    def actions_for(self, referent):
        if referent.erased_at is not None or not self.permission_helper.user_can_manage_referent(
            self.request.user, referent
        ):
            return []
        if referent.is_active:
            actions = [("deactivate", _("Désactiver"), _("Désactiver ce référent"))]
        elif referent.email_confirmed_at is not None:
            actions = [("reactivate", _("Réactiver"), _("Réactiver ce référent"))]
        else:
            actions = []
        actions.append(
            ("erase", _("Effacer (RGPD)"), _("Effacer le compte de cette personne, à sa demande"))
        )
        return actions


class ModificationRequestButtonHelper(ActionButtonHelper):
    actions = [
        (
            "process",
            _("Marquer comme traitée"),
            _("Marquer cette demande de modification comme traitée"),
        )
    ]


# Filters and computed columns


class ValidationStateFilter(SimpleListFilter):
    title = _("validation")
    parameter_name = "validation"

    def lookups(self, request, model_admin):
        return [("validated", _("Validée")), ("pending", _("En attente de validation"))]

    def queryset(self, request, queryset):
        if self.value() == "validated":
            return queryset.validated()
        if self.value() == "pending":
            return queryset.filter(validated_at__isnull=True)
        return queryset


class InvitationStateFilter(SimpleListFilter):
    title = _("état")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return InvitationState.choices

    def queryset(self, request, queryset):
        if self.value() in InvitationState.values:
            return queryset.in_state(self.value())
        return queryset


# Listings


class StructureAdmin(DuoDayModelAdmin):
    model = Structure
    menu_label = _("Structures")
    menu_icon = "site"
    permission_helper_class = StructurePermissionHelper
    button_helper_class = StructureButtonHelper
    instance_actions = {"validate": ValidateStructureView, "refuse": RefuseStructureView}
    list_display = ("name", "kind", "structure_type", "department", "validation_state")
    list_filter = (
        "kind",
        "structure_type",
        ("department", RelatedOnlyFieldListFilter),
        ValidationStateFilter,
    )
    search_fields = ("name", "siret", "commune")
    inspect_view_enabled = True
    inspect_view_fields = (
        "name",
        "kind",
        "structure_type",
        "siret",
        "address",
        "postcode",
        "commune",
        "department",
        "served_departments",
        "phone",
        "email",
        "created_at",
        "validated_at",
    )
    list_export = (
        "name",
        "kind",
        "structure_type",
        "siret",
        "address",
        "postcode",
        "commune",
        "department",
        "phone",
        "email",
        "validation_state",
        "created_at",
        "validated_at",
    )
    export_filename = "structures"
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("siret"),
            FieldPanel("structure_type"),
            FieldPanel("address"),
            FieldPanel("postcode"),
            FieldPanel("commune"),
            FieldPanel("department"),
            FieldPanel("served_departments", widget=forms.CheckboxSelectMultiple),
            FieldPanel("phone"),
            FieldPanel("email"),
        ],
        base_form_class=StructureAdminForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department")

    @display(description=_("validation"), ordering="validated_at")
    def validation_state(self, structure):
        return _("Validée") if structure.is_validated else _("En attente de validation")


class ReferentAdmin(DuoDayModelAdmin):
    """The users attached to a structure; accounts themselves are edited in « Utilisateurs »."""

    model = User
    menu_label = _("Référents")
    menu_icon = "user"
    permission_helper_class = ReferentPermissionHelper
    button_helper_class = ReferentButtonHelper
    instance_actions = {
        "deactivate": DeactivateReferentView,
        "reactivate": ReactivateReferentView,
        "erase": EraseAccountView,
    }
    list_display = ("full_name", "email", "structure", "is_active")
    list_filter = ("is_active", "structure__kind")
    search_fields = ("first_name", "last_name", "email", "structure__name")
    inspect_view_enabled = True
    inspect_view_fields = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "job_title",
        "structure",
        "is_active",
        "email_confirmed_at",
        "last_login",
        "date_joined",
    )
    list_export = (
        "last_name",
        "first_name",
        "email",
        "phone",
        "job_title",
        "structure",
        "structure_kind",
        "is_active",
        "date_joined",
        "last_login",
    )
    export_filename = "referents"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(structure__isnull=False)
            .select_related("structure")
        )

    @display(description=_("nom"), ordering="last_name")
    def full_name(self, user):
        return user.get_full_name() or user.email

    @display(description=_("catégorie de structure"))
    def structure_kind(self, user):
        return user.structure.get_kind_display()

    def register_admin_url_finders(self):
        # Links to a user elsewhere in the admin keep going to Wagtail's users admin.
        pass


class InvitationAdmin(DuoDayModelAdmin):
    model = Invitation
    menu_label = _("Invitations")
    menu_icon = "mail"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("email", "structure", "created_at", "expires_at", "state")
    list_filter = (InvitationStateFilter,)
    search_fields = ("email", "first_name", "last_name", "structure__name")
    list_export = (
        "email",
        "first_name",
        "last_name",
        "structure",
        "invited_by",
        "created_at",
        "expires_at",
        "state",
    )
    export_filename = "invitations"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("structure", "invited_by")

    @display(description=_("état"))
    def state(self, invitation):
        return invitation.state.label


class ModificationRequestAdmin(DuoDayModelAdmin):
    model = ModificationRequest
    menu_label = _("Demandes de modification")
    menu_icon = "edit"
    permission_helper_class = ModificationRequestPermissionHelper
    button_helper_class = ModificationRequestButtonHelper
    instance_actions = {"process": ProcessModificationRequestView}
    list_display = ("structure", "author", "created_at", "status")
    list_filter = ("status",)
    search_fields = ("structure__name",)
    # Pending requests first: "pending" sorts before "processed".
    ordering = ("status", "-created_at", "-pk")
    inspect_view_enabled = True
    inspect_view_fields = (
        "structure",
        "author",
        "created_at",
        "message",
        "status",
        "processed_at",
        "processed_by",
        "response",
    )
    list_export = (
        "structure",
        "author",
        "author_email",
        "created_at",
        "message",
        "status",
        "processed_at",
        "processed_by",
        "response",
    )
    export_filename = "demandes-de-modification"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("structure", "author", "processed_by")

    @display(description=_("e-mail du demandeur"))
    def author_email(self, modification):
        return modification.author.email if modification.author else ""
