"""Registration and the coordinators' structure form against odd input: SIRET digits other
than ASCII ones, postcodes likewise, invisible characters in names. A French message next
to the field, never a server error, nothing saved."""

import pytest
from django.urls import reverse

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
