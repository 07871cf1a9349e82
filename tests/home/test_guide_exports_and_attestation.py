"""The employers' guide explains the exports, the attestation, the import and « Reconduire
mes offres » with the labels of the buttons."""

import pytest

from tests.html_text import text_of

pytestmark = pytest.mark.django_db

GUIDE_URL = "/guide-employeurs/"


@pytest.mark.parametrize(
    "label",
    [
        "« Exporter (CSV) »",
        "« Exporter (XLSX) »",
        "« Télécharger l’attestation »",
        "« Importer des offres »",
        "« Reconduire mes offres »",
    ],
)
def test_the_guide_names_the_new_buttons(client, site_tree, label):
    assert label in text_of(client.get(GUIDE_URL))


def test_the_guide_says_who_may_download_the_attestation(client, site_tree):
    text = text_of(client.get(GUIDE_URL))

    assert "Seuls l'employeur et la structure accompagnante du duo peuvent la télécharger" in text
    assert "Les modèles vierges restent dans l'onglet « Ressources Documentaires »" in text


def test_the_guide_mentions_the_reminders(client, site_tree):
    assert "vous recevez un e-mail de rappel, une seule fois" in text_of(client.get(GUIDE_URL))
