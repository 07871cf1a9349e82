"""Registration and the coordinators' structure form against odd input: SIRET digits other
than ASCII ones, postcodes likewise, invisible characters in names. A French message next
to the field, never a server error, nothing saved."""

import pytest
from django.urls import reverse

from directory.forms import RegistrationForm
from directory.models import Structure, User
from tests.directory.helpers import field_errors
from tests.directory.test_registration import URL, employer_data, register
from tests.factories import StructureFactory, UserFactory

pytestmark = pytest.mark.django_db

SIRET_FORMAT_ERROR = ["Le SIRET doit comporter exactement 14 chiffres."]
FULLWIDTH_SIRET = "".join(chr(0xFF10 + int(digit)) for digit in "73282932000074")


@pytest.mark.parametrize(
    "siret", ["7328293200007²", "٧٣٢٨٢٩٣٢٠٠٠٠٧٤", "۷۳۲۸۲۹۳۲۰۰۰۰۷۴", "7328293200007\u202e4"]
)
def test_siret_with_non_ascii_digits_is_refused_next_to_the_field(client, siret):
    response = client.post(URL, employer_data(siret=siret))

    assert response.status_code == 200
    assert field_errors(response, "id_siret") == SIRET_FORMAT_ERROR
    assert not Structure.objects.exists()


def test_arabic_indic_digits_do_not_register_an_already_registered_structure_again(client):
    StructureFactory(employer=True, siret="73282932000074")

    response = client.post(URL, employer_data(siret="٧٣٢٨٢٩٣٢٠٠٠٠٧٤"))

    assert field_errors(response, "id_siret") == SIRET_FORMAT_ERROR
    assert Structure.objects.count() == 1


def test_fullwidth_digits_are_read_as_the_siret_they_show(
    client, django_capture_on_commit_callbacks
):
    register(client, employer_data(siret=FULLWIDTH_SIRET), django_capture_on_commit_callbacks)

    assert Structure.objects.get().siret == "73282932000074"


def test_fullwidth_digits_of_an_already_registered_siret_are_told_so(client):
    StructureFactory(employer=True, siret="73282932000074")

    response = client.post(URL, employer_data(siret=FULLWIDTH_SIRET))

    assert field_errors(response, "id_siret")[0].startswith("Cette structure est déjà inscrite.")
    assert Structure.objects.count() == 1


def test_postcode_with_non_ascii_digits_is_refused_in_french(client):
    response = client.post(URL, employer_data(postcode="7501²"))

    assert field_errors(response, "id_postcode") == [
        "Saisissez un code postal français à 5 chiffres."
    ]
    assert not Structure.objects.exists()


@pytest.mark.parametrize("field", ["name", "commune", "address", "first_name", "last_name"])
def test_names_with_a_bidirectional_override_are_refused_next_to_the_field(client, field):
    response = client.post(URL, employer_data(**{field: "Dupain\u202eevil"}))

    assert field_errors(response, f"id_{field}") == [
        "Ce champ contient un caractère invisible ou de contrôle (U+202E) : retirez-le."
    ]
    assert not Structure.objects.exists()
    assert not User.objects.filter(email="camille.martin@dupain.fr").exists()


# The coordinators' structure form


@pytest.fixture
def coordinator_client(client):
    client.force_login(UserFactory(coordinator=True))
    return client


def edit_structure(client, structure, **overrides):
    data = {
        "name": structure.name,
        "siret": structure.siret,
        "structure_type": structure.structure_type,
        "address": structure.address,
        "postcode": structure.postcode,
        "commune": structure.commune,
        "department": structure.department.pk,
        "phone": structure.phone,
        "email": structure.email,
        **overrides,
    }
    return client.post(reverse("directory_structure_modeladmin_edit", args=[structure.pk]), data)


@pytest.mark.parametrize("siret", ["7328293200007²", "٧٣٢٨٢٩٣٢٠٠٠٠٧٤"])
def test_admin_refuses_a_siret_with_non_ascii_digits(coordinator_client, siret):
    structure = StructureFactory(employer=True)
    former_siret = structure.siret

    response = edit_structure(coordinator_client, structure, siret=siret)

    assert response.status_code == 200
    assert "Le SIRET doit comporter exactement 14 chiffres." in response.content.decode()
    structure.refresh_from_db()
    assert structure.siret == former_siret


def test_admin_refuses_a_structure_name_with_a_control_character(coordinator_client):
    structure = StructureFactory(employer=True, name="Boulangerie Dupain")

    response = edit_structure(coordinator_client, structure, name="Boulangerie\u200bDupain")

    assert response.status_code == 200
    assert "caractère invisible ou de contrôle (U+200B)" in response.content.decode()
    structure.refresh_from_db()
    assert structure.name == "Boulangerie Dupain"


# Lengths and validators come from the models (directory/forms.py: StructureForm, ReferentForm)

# 311 characters: a valid address for Django's validator, longer than the 254 the column holds.
TOO_LONG_EMAIL = "a" * 64 + "@" + ("b" * 60 + ".") * 4 + "fr"


def test_fields_are_as_long_as_their_columns():
    form = RegistrationForm()

    page_fields = {
        "name": Structure._meta.get_field("name"),
        "address": Structure._meta.get_field("address"),
        "postcode": Structure._meta.get_field("postcode"),
        "commune": Structure._meta.get_field("commune"),
        "structure_phone": Structure._meta.get_field("phone"),
        "first_name": User._meta.get_field("first_name"),
        "last_name": User._meta.get_field("last_name"),
        "email": User._meta.get_field("email"),
        "phone": User._meta.get_field("phone"),
        "job_title": User._meta.get_field("job_title"),
    }
    for name, column in page_fields.items():
        assert form.fields[name].max_length == column.max_length, name
    # The SIRET is typed with its spaces: 14 digits are stored.
    assert form.fields["siret"].max_length == 20


def test_an_email_longer_than_its_column_is_refused_next_to_the_field(client):
    response = client.post(URL, employer_data(email=TOO_LONG_EMAIL))

    assert field_errors(response, "id_email") == [
        "Assurez-vous que cette valeur comporte au plus 254 caractères (actuellement 311)."
    ]
    assert not Structure.objects.exists()


def test_the_structures_phone_is_refused_next_to_its_own_field(client):
    response = client.post(URL, employer_data(structure_phone="0" * 21))

    assert field_errors(response, "id_structure_phone") == [
        "Assurez-vous que cette valeur comporte au plus 20 caractères (actuellement 21)."
    ]
    assert field_errors(response, "id_phone") == []
    page = response.content.decode()
    assert 'value="06 11 22 33 44"' in page
    assert not Structure.objects.exists()


def test_unprintable_job_title_is_refused_by_the_models_validator(client):
    response = client.post(URL, employer_data(job_title="Gérante\u202e"))

    assert field_errors(response, "id_job_title") == [
        "Ce champ contient un caractère invisible ou de contrôle (U+202E) : retirez-le."
    ]
    assert not User.objects.filter(email="camille.martin@dupain.fr").exists()
