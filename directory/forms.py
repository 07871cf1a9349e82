from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
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
        "inactive": _("Ce compte n’est pas actif."),
    }
