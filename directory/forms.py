from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from directory.departments import choices_by_region, department_code_for_postcode
from directory.emails import send_password_reset
from directory.enums import TYPES_BY_KIND, StructureKind
from directory.models import Department, Invitation, Structure, User
from directory.registration_gates import registration_closed_message
from directory.validators import normalise_siret, validate_siret
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


ALREADY_REGISTERED = _(
    "Cette structure est déjà inscrite. Demandez à l’un de ses référents de vous inviter "
    "depuis son espace « Mon compte »."
)


def require_every_field(form):
    """The page asks for fields the model leaves blank (an account made by invitation, a
    structure made by the coordination may go without them)."""
    for field in form.fields.values():
        field.required = True


class StructureForm(forms.ModelForm):
    """The structure's part of the registration page. Lengths and validators (names,
    SIRET) come from `Structure`; labels are the page's (the guide quotes « Vous êtes »)."""

    class Meta:
        model = Structure
        fields = [
            "kind",
            "name",
            "siret",
            "structure_type",
            "address",
            "postcode",
            "commune",
            "phone",
            "served_departments",
        ]
        labels = {
            "kind": _("Vous êtes"),
            "name": _("Raison sociale"),
            "structure_type": _("Type de structure"),
            "address": _("Adresse"),
            "postcode": _("Code postal"),
            "commune": _("Commune"),
            "phone": _("Téléphone de la structure"),
            "served_departments": _("Départements couverts (structures accompagnantes)"),
        }
        help_texts = {
            "served_departments": _(
                "Ouvrez une région, puis cochez les départements où vous accompagnez."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "served_departments": forms.CheckboxSelectMultiple,
        }

    # Typed with its spaces (« 732 829 320 00074 »): longer than the 14 digits stored.
    siret = forms.CharField(
        label=_("SIRET"), max_length=20, help_text=_("14 chiffres, sans espace.")
    )

    # On the page, the structure's phone sits next to its referent's (`ReferentForm`).
    html_names = {"phone": "structure_phone"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        require_every_field(self)
        self.fields["served_departments"].required = False
        self.fields["kind"].choices = StructureKind.choices
        self.fields["structure_type"].choices = [("", _("Choisir un type"))] + [
            (_("Employeurs"), [(t.value, t.label) for t in TYPES_BY_KIND[StructureKind.EMPLOYER]]),
            (
                _("Structures accompagnantes"),
                [(t.value, t.label) for t in TYPES_BY_KIND[StructureKind.SUPPORT]],
            ),
        ]
        self.fields["served_departments"].choices = choices_by_region(Department.objects.all())

    def add_prefix(self, field_name):
        return super().add_prefix(self.html_names.get(field_name, field_name))

    def clean_siret(self):
        siret = normalise_siret(self.cleaned_data["siret"])
        # Checked before the model's fields (which then skip it when refused): its
        # `validate_siret` and 14-character limit would say the same thing twice.
        validate_siret(siret)
        return siret

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        self.department_code = department_code_for_postcode(postcode)
        return postcode

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
        # `unique_siret_per_kind` would say it above the form in Django's words: said here,
        # next to the field, with what to do; the model then skips the SIRET in error.
        siret = cleaned.get("siret")
        if kind and siret and Structure.objects.filter(kind=kind, siret=siret).exists():
            self.add_error("siret", ALREADY_REGISTERED)
        return cleaned


class ReferentForm(forms.ModelForm):
    """The first referent's part of the registration page; lengths and validators come
    from `User`."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "job_title"]
        labels = {
            "first_name": _("Prénom du référent"),
            "last_name": _("Nom du référent"),
            "email": _("Adresse e-mail du référent"),
            "phone": _("Téléphone du référent"),
            "job_title": _("Fonction"),
        }
        help_texts = {"email": _("Format attendu : nom@domaine.fr")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        require_every_field(self)

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def validate_unique(self):
        """No « account exists » error: that would tell anyone which addresses have an
        account. `services.register_structure` e-mails the address's owner instead."""


class NewPasswordForm(PasswordFieldsMixin, forms.Form):
    """The password pair alone, checked against `user` (an unsaved one will do)."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def password_user(self):
        return self.user


class CombinedForm(forms.Form):
    """One form on the page made of several forms on the same data (`make_parts`), each
    cleaning its own fields: a ModelForm with its model's validation. The page shows their
    fields part after part (or in `field_order`); `errors` and `cleaned_data` hold theirs,
    under the fields' names on the page (`part.add_prefix`): each error sits next to its
    field, and `clean()`, `add_error()` work as on any form."""

    def __init__(self, data=None, files=None, **kwargs):
        super().__init__(data, files, **kwargs)
        self.parts = self.make_parts(data, files)
        self.fields = {}
        initial = {}
        for part in self.parts:
            for name, field in part.fields.items():
                self.fields[part.add_prefix(name)] = field
                if name in part.initial:
                    initial[part.add_prefix(name)] = part.initial[name]
        self.initial = {**initial, **self.initial}
        self.order_fields(self.field_order)

    def make_parts(self, data, files):
        raise NotImplementedError

    def _clean_fields(self):
        # Django's step that cleans each field: here the parts do it, their model validation
        # and `clean()` included; this form takes their values and errors.
        for part in self.parts:
            errors = part.errors.as_data()
            for name, value in part.cleaned_data.items():
                self.cleaned_data[part.add_prefix(name)] = value
            for name, field_errors in errors.items():
                self.add_error(
                    None if name == NON_FIELD_ERRORS else part.add_prefix(name), field_errors
                )


class RegistrationForm(CombinedForm):
    """A structure and its first referent, in one form: `StructureForm`, `ReferentForm`
    and the password pair, checked against the referent. The page shows their fields in
    that order."""

    def make_parts(self, data, files):
        self.structure_form = StructureForm(data, files)
        self.referent_form = ReferentForm(data, files)
        # Validated after the referent's part, which fills its instance in.
        password_form = NewPasswordForm(data, files, user=self.referent_form.instance)
        return [self.structure_form, self.referent_form, password_form]

    def build(self):
        """The unsaved structure, its served departments and its referent."""
        structure = self.structure_form.instance
        referent = self.referent_form.instance
        structure.email = referent.email
        structure.department = Department.objects.get(code=self.structure_form.department_code)
        return structure, self.cleaned_data.get("served_departments") or [], referent


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


class InvitationForm(forms.ModelForm):
    """« Ajouter un référent »: lengths and validators come from `Invitation`."""

    class Meta:
        model = Invitation
        fields = ["first_name", "last_name", "email"]
        labels = {
            "first_name": _("Prénom"),
            "last_name": _("Nom"),
            "email": _("Adresse e-mail"),
        }
        help_texts = {"email": _("Format attendu : nom@domaine.fr")}


class AcceptInvitationForm(PasswordFieldsMixin, forms.ModelForm):
    """The invited person's details and password, on the account the invitation makes
    (unsaved: `services.accept_invitation` creates it); lengths and validators come from
    `User`."""

    class Meta:
        model = User
        fields = ["phone", "job_title"]
        labels = {"phone": _("Téléphone"), "job_title": _("Fonction")}

    field_order = ["phone", "job_title", "password1", "password2"]

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        kwargs["instance"] = User(
            email=invitation.email,
            first_name=invitation.first_name,
            last_name=invitation.last_name,
        )
        super().__init__(*args, **kwargs)
        require_every_field(self)

    def password_user(self):
        return self.instance


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
