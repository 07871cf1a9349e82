"""Every form field is rendered once, by Django's form renderer (`{{ form }}`,
`{{ field.as_field_group }}`) through templates/django/forms/field.html, with the DSFR
markup: radios and checkboxes as `input` immediately followed by its `label` in their group
(the DSFR draws the box on the label: anything else leaves the choice invisible), grouped
choices as one disclosure per group, and selects with a French empty choice."""

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template import Context, Template

from directory.forms import RegistrationForm
from offers.forms import OfferForm
from tests.factories import EditionFactory, StructureFactory


class ChoicesForm(forms.Form):
    colour = forms.ChoiceField(
        label="Couleur",
        choices=[("bleu", "Bleu"), ("rouge", "Rouge")],
        widget=forms.RadioSelect,
    )
    fruits = forms.MultipleChoiceField(
        label="Fruits",
        choices=[("pomme", "Pomme"), ("poire", "Poire")],
        widget=forms.CheckboxSelectMultiple,
    )
    cities = forms.MultipleChoiceField(
        label="Villes",
        choices=[("Nord", [("lille", "Lille")]), ("Sud", [("nice", "Nice"), ("pau", "Pau")])],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    size = forms.ChoiceField(label="Taille", choices=[("", "---------"), ("m", "M")])


def rendered(bound_field):
    return BeautifulSoup(bound_field.as_field_group(), "html.parser")


def rendered_in_a_template(form):
    """The form as a page writes it: `{{ form }}`."""
    return BeautifulSoup(Template("{{ form }}").render(Context({"form": form})), "html.parser")


def input_label_pairs(soup, input_type):
    """(group classes, input id, the `for` of the element right after the input)."""
    pairs = []
    for control in soup.find_all("input", type=input_type):
        following = control.find_next_sibling()
        pairs.append(
            (
                control.parent.get("class"),
                control["id"],
                following.name if following else None,
                following.get("for") if following else None,
            )
        )
    return pairs


def test_each_radio_is_followed_by_its_label_in_a_radio_group():
    soup = rendered(ChoicesForm()["colour"])

    assert input_label_pairs(soup, "radio") == [
        (["fr-radio-group"], "id_colour_0", "label", "id_colour_0"),
        (["fr-radio-group"], "id_colour_1", "label", "id_colour_1"),
    ]


def test_each_checkbox_is_followed_by_its_label_in_a_checkbox_group():
    soup = rendered(ChoicesForm()["fruits"])

    assert input_label_pairs(soup, "checkbox") == [
        (["fr-checkbox-group"], "id_fruits_0", "label", "id_fruits_0"),
        (["fr-checkbox-group"], "id_fruits_1", "label", "id_fruits_1"),
    ]


def test_radio_list_is_a_fieldset_with_the_fields_label_as_legend():
    soup = rendered(ChoicesForm()["colour"])

    assert soup.fieldset.legend.get_text(strip=True) == "Couleur *"


def test_checked_radio_stays_checked_when_the_form_is_shown_again():
    soup = rendered(ChoicesForm({"colour": "rouge"})["colour"])

    assert [control.has_attr("checked") for control in soup.find_all("input")] == [False, True]


def test_grouped_choices_are_one_disclosure_per_group():
    soup = rendered(ChoicesForm()["cities"])

    buttons = soup.find_all("button", class_="fr-accordion__btn")
    assert [button.get_text(strip=True) for button in buttons] == ["Nord", "Sud"]
    for button in buttons:
        panel = soup.find(id=button["aria-controls"])
        assert "fr-collapse" in panel["class"]
        assert panel.fieldset.legend.get_text(strip=True) == button.get_text(strip=True)


def test_grouped_choices_keep_each_checkbox_followed_by_its_label():
    soup = rendered(ChoicesForm()["cities"])

    assert [pair[1:] for pair in input_label_pairs(soup, "checkbox")] == [
        ("id_cities_0_0", "label", "id_cities_0_0"),
        ("id_cities_1_0", "label", "id_cities_1_0"),
        ("id_cities_1_1", "label", "id_cities_1_1"),
    ]


def test_a_group_holding_a_checked_choice_starts_open():
    soup = rendered(ChoicesForm({"cities": ["pau"]})["cities"])

    expanded = {
        button.get_text(strip=True): button["aria-expanded"]
        for button in soup.find_all("button", class_="fr-accordion__btn")
    }
    assert expanded == {"Nord": "false", "Sud": "true"}


def test_empty_choice_of_a_select_is_worded_in_french():
    soup = rendered(ChoicesForm()["size"])

    assert soup.find("option", value="").get_text() == "Sélectionner une option"


@pytest.mark.django_db
def test_offer_forms_sector_starts_with_a_french_empty_choice():
    form = OfferForm(structure=StructureFactory(), edition=EditionFactory(current=True))

    soup = rendered(form["sector"])

    assert soup.find("option").get_text() == "Sélectionner une option"
    assert "---------" not in str(soup)


@pytest.mark.django_db
def test_registration_offers_the_departments_as_checkboxes_grouped_by_region():
    soup = rendered(RegistrationForm()["served_departments"])

    regions = [button.get_text(strip=True) for button in soup.find_all("button")]
    assert len(soup.find_all("input", type="checkbox")) == 101
    assert regions[:3] == ["Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne"]
    assert "Île-de-France" in regions
    assert soup.find("select") is None


@pytest.mark.django_db
def test_registration_lists_a_regions_departments_under_it():
    soup = rendered(RegistrationForm()["served_departments"])

    button = soup.find("button", string="Corse")
    panel = soup.find(id=button["aria-controls"])
    assert [label.get_text(strip=True) for label in panel.find_all("label")] == [
        "2A – Corse-du-Sud",
        "2B – Haute-Corse",
    ]


class ContactForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)
    email = forms.EmailField(
        label="E-mail",
        help_text="Celle de votre travail.",
        error_messages={"invalid": "Cette adresse n’en est pas une."},
    )
    agree = forms.BooleanField(label="J’accepte")
    attachment = forms.FileField(label="Pièce jointe", required=False)

    def clean(self):
        raise forms.ValidationError("Le formulaire est incomplet.")


def test_a_form_written_as_form_gives_every_field_in_the_dsfr_markup():
    soup = rendered_in_a_template(ChoicesForm())

    assert [pair[1:] for pair in input_label_pairs(soup, "radio")] == [
        ("id_colour_0", "label", "id_colour_0"),
        ("id_colour_1", "label", "id_colour_1"),
    ]
    assert [button.get_text(strip=True) for button in soup.find_all("button")] == ["Nord", "Sud"]
    assert soup.find("select", id="id_size")["class"] == ["fr-select"]
    assert soup.find("option", value="").get_text() == "Sélectionner une option"


def test_a_form_written_as_form_ties_hint_and_errors_to_their_field():
    soup = rendered_in_a_template(ContactForm({"email": "pas-une-adresse"}))

    email = soup.find("input", id="id_email")
    assert email["class"] == ["fr-input"]
    assert email["aria-invalid"] == "true"
    assert email["aria-describedby"] == "id_email-hint id_email-error"
    assert soup.find(id="id_email-hint").get_text() == "Celle de votre travail."
    assert soup.find(id="id_email-error").get_text(strip=True) == "Cette adresse n’en est pas une."
    assert "fr-input-group--error" in email.parent["class"]
    assert soup.find("label", attrs={"for": "id_email"}).get_text(strip=True).startswith("E-mail *")


def test_a_form_written_as_form_shows_its_own_errors_in_an_alert_and_keeps_hidden_fields():
    soup = rendered_in_a_template(ContactForm({"email": "a@example.org", "agree": "on"}))

    alert = soup.find(class_="fr-alert--error")
    assert alert["role"] == "alert"
    assert alert.get_text(strip=True) == "Le formulaire est incomplet."
    assert soup.find("input", type="hidden", attrs={"name": "token"}) is not None
    assert soup.find("label", string="Token") is None


def test_a_single_checkbox_is_followed_by_its_label_in_a_checkbox_group():
    soup = rendered_in_a_template(ContactForm())

    assert input_label_pairs(soup, "checkbox") == [
        (["fr-checkbox-group", "fr-mb-3w"], "id_agree", "label", "id_agree")
    ]


def test_a_file_field_is_a_dsfr_upload_group():
    soup = rendered(ContactForm()["attachment"])

    control = soup.find("input", type="file")
    assert control["class"] == ["fr-upload"]
    assert "fr-upload-group" in control.parent["class"]
    assert soup.find("label", attrs={"for": "id_attachment"}).get_text(strip=True) == (
        "Pièce jointe"
    )
