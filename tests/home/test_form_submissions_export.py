"""The contact form's submissions exported from the admin: text stays text in a spreadsheet."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from home.models import ContactPage
from tests.factories import UserFactory

FORMULA = '=HYPERLINK("https://exemple.invalid","Cliquez")'
MESSAGE = {
    "nom_et_prenom": "@Camille Durand",
    "adresse_e_mail": "camille.durand@exemple.fr",
    "structure": "+33 ESAT des Tilleuls",
    "objet": "Inscription",
    "message": FORMULA,
}


@pytest.fixture
def contact_page(site_tree, client):
    page = ContactPage.objects.get()
    client.post(page.url, MESSAGE)
    return page


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(editor=True))
    return client


def submissions_url(page, export_format):
    return reverse("wagtailforms:list_submissions", args=[page.pk]) + f"?export={export_format}"


def test_csv_export_keeps_a_formula_like_message_as_text(editor_client, contact_page):
    response = editor_client.get(submissions_url(contact_page, "csv"))

    assert response.status_code == 200
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Message"] == "'" + FORMULA
    assert row["Nom et prénom"] == "'@Camille Durand"
    assert row["Structure"] == "'+33 ESAT des Tilleuls"
    assert row["Objet"] == "Inscription"


def test_xlsx_export_keeps_a_formula_like_message_as_text(editor_client, contact_page):
    response = editor_client.get(submissions_url(contact_page, "xlsx"))

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, row = workbook.active.iter_rows(values_only=True)
    assert dict(zip(header, row, strict=True))["Message"] == "'" + FORMULA
