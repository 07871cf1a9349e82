"""Wagtail's own exports keep text as text (the site history names objects the public
named), and the site history shows each user the entries of the models they may see only."""

import csv
import io

import openpyxl
import pytest
from wagtail.log_actions import log

from tests.factories import StructureFactory, UserFactory

FORMULA = '=HYPERLINK("https://exemple.invalid","Cliquez")'
SITE_HISTORY_URL = "/admin/reports/site-history/"


@pytest.fixture
def coordinator_client(client, db):
    coordinator = UserFactory(coordinator=True)
    log(instance=StructureFactory(name=FORMULA), action="wagtail.edit", user=coordinator)
    client.force_login(coordinator)
    return client


def test_site_history_csv_keeps_a_formula_like_label_as_text(coordinator_client):
    response = coordinator_client.get(SITE_HISTORY_URL, {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    labels = [row["Nom"] for row in rows]
    assert "'" + FORMULA in labels
    assert FORMULA not in labels


def test_site_history_xlsx_keeps_a_formula_like_label_as_text(coordinator_client):
    response = coordinator_client.get(SITE_HISTORY_URL, {"export": "xlsx"})

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = workbook.active.iter_rows(values_only=True)
    labels = [row[header.index("Nom")] for row in rows]
    assert "'" + FORMULA in labels
    assert FORMULA not in labels


def test_editors_site_history_shows_no_duoday_entry(client, db):
    coordinator = UserFactory(coordinator=True)
    log(
        instance=StructureFactory(name="Boulangerie Duval"), action="wagtail.edit", user=coordinator
    )
    client.force_login(UserFactory(editor=True))

    page = client.get(SITE_HISTORY_URL)
    export = client.get(SITE_HISTORY_URL, {"export": "csv"})

    assert page.status_code == 200
    assert "Boulangerie Duval" not in page.content.decode()
    assert "Boulangerie Duval" not in b"".join(export.streaming_content).decode()
