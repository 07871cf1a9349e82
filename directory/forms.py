from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from directory.departments import choices_by_region, department_code_for_postcode
from directory.emails import send_password_reset
from directory.enums import TYPES_BY_KIND, StructureKind
from directory.models import Department, Structure, User
from directory.registration_gates import registration_closed_message
from directory.validators import normalise_siret, validate_printable_name, validate_siret
from portal.rate_limits import LoginThrottleMixin

PASSWORD_RULES = _("Au moins 12 caractères, pas uniquement des chiffres, pas trop courant.")


class LoginForm(LoginThrottleMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Vérifiez votre saisie ; après "
            "plusieurs échecs, le compte est bloqué pendant une heure."
        ),
        "inactive": _("Ce compte a été désactivé. Contactez un référent de votre structure."),
        "unconfirmed": _(
            "Confirmez d’abord votre adresse e-mail : ouvrez le lien que nous vous avons "
            "envoyé à l’inscription."
        ),
    }

    def clean_username(self):
        # Addresses are stored in lower case: « Camille.Durand@Exemple.fr » logs in too.
        return self.cleaned_data["username"].strip().lower()

    def confirm_login_allowed(self, user):
        if user.email_confirmed_at is None and not user.is_active:
            raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")
        super().confirm_login_allowed(user)


class AdminLoginForm(LoginThrottleMixin, WagtailLoginForm):
    """Wagtail's admin login form, with a French label for the password field.

    Wagtail declares that field without a label, so Django shows its English name.
    """

    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={
                "placeholder": _("Entrez votre mot de passe"),
                "autocomplete": "current-password",
            }
        ),
    )


class PasswordFieldsMixin(SetPasswordMixin, forms.Form):
    """A new password typed twice, checked by Django's own logic (`SetPasswordMixin`)
    against the password validators and the user `password_user()` describes."""

    error_messages = {
        **SetPasswordMixin.error_messages,
        "password_mismatch": _("Les deux mots de passe ne correspondent pas."),
    }

    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_RULES,
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self):
        """The user the password is checked against (similarity with e-mail and names)."""
        return None

    def _post_clean(self):
        super()._post_clean()
        self.validate_passwords()
        if "password2" in self.cleaned_data:
            # The two match: the rules' errors go next to the first field.
            self.validate_password_for_user(self.password_user(), "password1")


class RegistrationForm(PasswordFieldsMixin, forms.Form):
    """A structure and its first referent, in one form."""

    kind = forms.ChoiceField(
        label=_("Vous êtes"), choices=StructureKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=_("Raison sociale"), max_length=255, validators=[validate_printable_name]
    )
    siret = forms.CharField(
        label=_("SIRET"), max_length=20, help_text=_("14 chiffres, sans espace.")
    )
    structure_type = forms.ChoiceField(label=_("Type de structure"), choices=[("", "—")])
    address = forms.CharField(
        label=_("Adresse"), max_length=255, validators=[validate_printable_name]
    )
    postcode = forms.CharField(label=_("Code postal"), max_length=5)
    commune = forms.CharField(
        label=_("Commune"), max_length=150, validators=[validate_printable_name]
    )
    structure_phone = forms.CharField(label=_("Téléphone de la structure"), max_length=20)
    served_departments = forms.ModelMultipleChoiceField(
        label=_("Départements couverts (structures accompagnantes)"),
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ouvrez une région, puis cochez les départements où vous accompagnez."),
    )
    first_name = forms.CharField(
        label=_("Prénom du référent"), max_length=150, validators=[validate_printable_name]
    )
    last_name = forms.CharField(
        label=_("Nom du référent"), max_length=150, validators=[validate_printable_name]
    )
    email = forms.EmailField(
        label=_("Adresse e-mail du référent"), help_text=_("Format attendu : nom@domaine.fr")
    )
    phone = forms.CharField(label=_("Téléphone du référent"), max_length=20)
    job_title = forms.CharField(
        label=_("Fonction"), max_length=150, validators=[validate_printable_name]
    )

    field_order = [
        "kind",
        "name",
        "siret",
        "structure_type",
        "address",
        "postcode",
        "commune",
        "structure_phone",
        "served_departments",
        "first_name",
        "last_name",
        "email",
        "phone",
        "job_title",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure_type"].choices = [("", _("Choisir un type"))] + [
            (_("Employeurs"), [(t.value, t.label) for t in TYPES_BY_KIND[StructureKind.EMPLOYER]]),
            (
                _("Structures accompagnantes"),
                [(t.value, t.label) for t in TYPES_BY_KIND[StructureKind.SUPPORT]],
            ),
        ]
        self.fields["served_departments"].choices = choices_by_region(Department.objects.all())

    def clean_siret(self):
        siret = normalise_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        self.department_code = department_code_for_postcode(postcode)
        return postcode

    def clean_email(self):
        # No « account exists » error: that would tell anyone which addresses have an
        # account. `services.register_structure` e-mails the address's owner instead.
        return self.cleaned_data["email"].lower()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        structure_type = cleaned.get("structure_type")
        if kind and structure_type and structure_type not in TYPES_BY_KIND[kind]:
            self.add_error("structure_type", _("Ce type ne correspond pas à la catégorie choisie."))
        closed = registration_closed_message(kind) if kind else None
        if closed:
            self.add_error("kind", closed)
        if kind == StructureKind.SUPPORT and not cleaned.get("served_departments"):
            self.add_error(
                "served_departments",
                _("Choisissez au moins un département où votre structure intervient."),
            )
        siret = cleaned.get("siret")
        if kind and siret and Structure.objects.filter(kind=kind, siret=siret).exists():
            self.add_error(
                "siret",
                _(
                    "Cette structure est déjà inscrite. Demandez à l’un de ses référents de "
                    "vous inviter depuis son espace « Mon compte »."
                ),
            )
        return cleaned

    def password_user(self):
        return User(
            email=self.cleaned_data.get("email", ""),
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", ""),
        )

    def build(self):
        """The unsaved structure and referent the form describes."""
        data = self.cleaned_data
        structure = Structure(
            kind=data["kind"],
            name=data["name"],
            siret=data["siret"],
            structure_type=data["structure_type"],
            address=data["address"],
            postcode=data["postcode"],
            commune=data["commune"],
            phone=data["structure_phone"],
            email=data["email"],
            department=Department.objects.get(code=self.department_code),
        )
        referent = User(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            job_title=data["job_title"],
        )
        return structure, data.get("served_departments") or [], referent


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"), help_text=_("Celle que vous avez donnée à l’inscription.")
    )


class StructureContactForm(forms.ModelForm):
    class Meta:
        model = Structure
        fields = ["phone", "email"]
        labels = {"phone": _("Téléphone de la structure"), "email": _("E-mail de la structure")}


class ReferentContactForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "job_title"]
        labels = {
            "first_name": _("Prénom"),
            "last_name": _("Nom"),
            "phone": _("Téléphone"),
            "job_title": _("Fonction"),
        }


class ModificationRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Modifications à apporter"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_(
            "Raison sociale, SIRET, type, adresse ou département : décrivez le changement."
        ),
    )


class InvitationForm(forms.Form):
    first_name = forms.CharField(
        label=_("Prénom"), max_length=150, validators=[validate_printable_name]
    )
    last_name = forms.CharField(
        label=_("Nom"), max_length=150, validators=[validate_printable_name]
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"), help_text=_("Format attendu : nom@domaine.fr")
    )


class AcceptInvitationForm(PasswordFieldsMixin, forms.Form):
    phone = forms.CharField(label=_("Téléphone"), max_length=20)
    job_title = forms.CharField(
        label=_("Fonction"), max_length=150, validators=[validate_printable_name]
    )

    field_order = ["phone", "job_title", "password1", "password2"]

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def password_user(self):
        return User(
            email=self.invitation.email,
            first_name=self.invitation.first_name,
            last_name=self.invitation.last_name,
        )


class BackgroundPasswordResetForm(PasswordResetForm):
    """Django's reset form, its e-mail sent by a background task given the user's id only:
    the worker makes the link's token (`directory.emails.send_password_reset`)."""

    def save(self, *args, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset.enqueue(user.pk)


class PlainHelpSetPasswordForm(SetPasswordForm):
    """Django's form, its password rules as plain text: its HTML list would sit inside the
    field's label and make up the field's accessible name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_RULES


class PlainHelpPasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_RULES
