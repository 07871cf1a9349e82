"""Downloads of the personal space (SPEC §8): an SA that formed a duo downloads its
attestation de stage, an employer exports its offers to XLSX and opens the file."""

import re

import openpyxl
import pypdf
from playwright.sync_api import expect

from tests.e2e.conftest import settle
from tests.e2e.test_offer_flows import EMPLOYER, SA_PARIS, logged_in, open_offer, tab

DEMO_DUO_OFFER = "Livreur·se"  # Boulangerie Duval, duo of Camille Durand formed by the ESAT


def pdf_text(path):
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages)


def test_sa_downloads_its_attestation_and_employer_exports_its_offers(new_page):
    # The SA: « Mes duos » → « Télécharger l’attestation » of the duo.
    sa = logged_in(new_page, SA_PARIS)
    tab(sa, "Mes duos").click()
    settle(sa)
    expect(sa.get_by_role("link", name="Exporter (XLSX)")).to_be_visible()
    row = sa.get_by_role("row").filter(has_text=DEMO_DUO_OFFER)
    with sa.expect_download() as attestation:
        row.get_by_role("link", name="Télécharger l’attestation de Camille Durand (PDF)").click()
    assert re.fullmatch(
        r"attestation-duoday-\d{4}-camille-durand\.pdf", attestation.value.suggested_filename
    )
    text = pdf_text(attestation.value.path())
    for expected in ["Attestation de stage", "Camille Durand", "Boulangerie Duval"]:
        assert expected in text
    assert "ESAT Les Ateliers de Paris" in text
    assert DEMO_DUO_OFFER in text

    # The same attestation from the offer page (axe on the page with the button).
    row.get_by_role("link", name=DEMO_DUO_OFFER, exact=True).click()
    settle(sa)
    expect(sa.get_by_role("link", name="Télécharger l’attestation")).to_be_visible()

    # The employer: « Offres » → « Exporter (XLSX) », then opens the file.
    employer = logged_in(new_page, EMPLOYER)
    tab(employer, "Offres").click()
    settle(employer)
    with employer.expect_download() as export:
        employer.get_by_role("link", name="Exporter (XLSX)").click()
    assert re.fullmatch(r"offres-duoday-\d{4}-\d{2}-\d{2}\.xlsx", export.value.suggested_filename)
    # Playwright stores the download without its extension: open it as a file object.
    with open(export.value.path(), "rb") as xlsx:
        headers, *rows = openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True)
    offers = [dict(zip(headers, row, strict=True)) for row in rows]
    filled = next(offer for offer in offers if offer["Intitulé du poste"] == DEMO_DUO_OFFER)
    assert filled["État"] == "Concrétisée"
    assert filled["Duo : personne"] == "Camille Durand"
    assert filled["Duo : structure accompagnante"] == "ESAT Les Ateliers de Paris"

    # Its offer page gives it the attestation too.
    open_offer(employer, DEMO_DUO_OFFER)
    with employer.expect_download() as employer_attestation:
        employer.get_by_role("link", name="Télécharger l’attestation").click()
    assert "Camille Durand" in pdf_text(employer_attestation.value.path())
