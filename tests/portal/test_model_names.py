"""Every model of the portal names itself in French, in the singular and the plural: the
Wagtail admin builds its titles, buttons and counts from these names (« Ajouter : édition »,
« 2 éditions ») and Django's default plural (the name + « s ») reads « foire aux
questionss »."""

import pytest
from django.apps import apps

PORTAL_APPS = ["directory", "documents", "home", "offers"]
MODELS = [model for app in PORTAL_APPS for model in apps.get_app_config(app).get_models()]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_model_declares_its_french_names(model):
    declared = model._meta.original_attrs

    assert "verbose_name" in declared
    assert "verbose_name_plural" in declared


@pytest.mark.parametrize(
    ("model_name", "plural"),
    [
        ("home.FaqPage", "foires aux questions"),
        ("home.ContactPage", "pages de contact"),
        ("home.ContactFormField", "champs du formulaire"),
        ("offers.Edition", "éditions"),
    ],
)
def test_plural_names_read_as_french(model_name, plural):
    assert apps.get_model(model_name)._meta.verbose_name_plural == plural
