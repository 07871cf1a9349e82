"""« Importer des offres » and « Reconduire mes offres », as a new employer would on
`make run` (SPEC §8): download the template, fill 20 rows with 2 mistakes, read both errors
by line and column, fix them, import the 20 offers at once, duplicate one of them; then copy
last edition's offers.

The offers this test adds are deleted at the end, so that the demo's lists (the public
search's first page among them) stay as the other browser tests expect them.
"""

import os
import re
import subprocess
import sys
import uuid

import openpyxl
from playwright.sync_api import expect

from tests.e2e.conftest import PROJECT_DIR, check_axe, log_in, screenshot, settle, visit

EMPLOYER = "employeur@duoday.fr"  # Boulangerie Duval, Paris
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def tab(page, label):
    return page.get_by_role("navigation", name="Mon espace personnel").get_by_role(
        "link", name=label, exact=True
    )


def fill_template(template_path, file_path, prefix, mistakes):
    """The template with its example row replaced by 20 offers; `mistakes`: {line: (column
    header, wrong value)}."""
    workbook = openpyxl.load_workbook(template_path)
    sheet = workbook["Offres"]
    headers = [cell.value for cell in sheet[1]]
    example = [cell.value for cell in sheet[2]]
    for line in range(2, 22):
        row = dict(zip(headers, example, strict=True))
        row["Intitulé du poste"] = f"{prefix} n° {line - 1}"
        if line in mistakes:
            header, value = mistakes[line]
            row[header] = value
        for column, header in enumerate(headers, start=1):
            sheet.cell(row=line, column=column, value=row[header])
    workbook.save(file_path)


def delete_offers(e2e_dir, prefixes):
    """Remove what the test added, straight from the server's database."""
    code = (
        "from django.db.models import Q\n"
        "from offers.models import Offer\n"
        f"query = Q(copied_from__isnull=False) | Q(title__startswith={prefixes[0]!r})\n"
        "Offer.objects.filter(query).delete()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{e2e_dir / 'e2e.sqlite3'}",
        },
        check=True,
        capture_output=True,
    )


def preview_at_both_widths(page, name):
    """The preview page at 375 px and on a desktop: axe and a screenshot at each."""
    page.set_viewport_size(PHONE)
    check_axe(page)
    screenshot(page, f"{name}-375.png")
    page.set_viewport_size(DESKTOP)
    screenshot(page, f"{name}.png")


def test_employer_imports_twenty_offers_then_reconducts_last_editions(new_page, e2e_dir, tmp_path):
    prefix = f"Import {uuid.uuid4().hex[:6]}"
    page = new_page()
    visit(page, "/")
    log_in(page, EMPLOYER)
    settle(page)
    try:
        # « Offres » → « Importer des offres » → the Excel template.
        tab(page, "Offres").click()
        settle(page)
        page.get_by_role("link", name="Importer des offres").click()
        settle(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Importer des offres")
        screenshot(page, "import.png")
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("^Modèle Excel")).click()
        template = tmp_path / download.value.suggested_filename
        download.value.save_as(template)

        # 20 rows, 2 mistakes: both are shown by line and column; nothing is saved.
        wrong = tmp_path / "offres-avec-erreurs.xlsx"
        fill_template(
            template,
            wrong,
            prefix,
            {5: ("Code postal", "7500"), 12: ("Secteur d'activité", "Aérospatiale")},
        )
        page.get_by_label(re.compile("^Fichier des offres")).set_input_files(wrong)
        page.get_by_role("button", name="Afficher l’aperçu").click()
        settle(page)  # axe in the error state
        expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de l’import")
        errors = page.locator("#import-errors li")
        expect(errors).to_have_count(2)
        expect(errors.nth(0)).to_contain_text("Ligne 5, colonne « Code postal » :")
        expect(errors.nth(1)).to_contain_text(
            "Ligne 12, colonne « Secteur d'activité » : Secteur inconnu : « Aérospatiale »"
        )
        expect(page.get_by_role("button", name=re.compile("^Importer"))).to_have_count(0)
        expect(page.get_by_role("table")).to_contain_text(f"{prefix} n° 19")
        preview_at_both_widths(page, "import-preview-errors")

        # « Choisir un autre fichier » → the fixed file → « Importer les 20 offres ».
        page.get_by_role("link", name="Choisir un autre fichier").click()
        settle(page)
        fixed = tmp_path / "offres.xlsx"
        fill_template(template, fixed, prefix, {})
        page.get_by_label(re.compile("^Fichier des offres")).set_input_files(fixed)
        page.get_by_role("button", name="Afficher l’aperçu").click()
        settle(page)
        expect(page.get_by_text("20 offres prêtes à être importées")).to_be_visible()
        preview_at_both_widths(page, "import-preview")
        page.get_by_role("button", name="Importer les 20 offres").click()
        settle(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Offres")
        expect(page.get_by_text("20 offres importées")).to_be_visible()
        expect(page.get_by_role("link", name=f"{prefix} n° 20", exact=True)).to_be_visible()
        screenshot(page, "offers-after-import.png")

        # An imported offer → « Dupliquer cette offre »: the add-offer form, filled.
        page.get_by_role("link", name=f"{prefix} n° 20", exact=True).click()
        settle(page)
        page.get_by_role("link", name="Dupliquer cette offre").click()
        settle(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter une offre")
        expect(page.get_by_label(re.compile("^Intitulé du poste"))).to_have_value(f"{prefix} n° 20")
        page.get_by_role("button", name="Valider").click()
        settle(page)
        expect(page.get_by_text("Votre offre est enregistrée.")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{prefix} n° 20")
        tab(page, "Offres").click()
        settle(page)

        # « Reconduire mes offres »: last edition's offers, all ticked, previewed, copied.
        page.get_by_role("link", name="Reconduire mes offres").click()
        settle(page)
        page.get_by_role("link", name="Tout sélectionner").click()
        settle(page)
        offers = page.get_by_role("checkbox")
        expect(offers).to_have_count(3)
        for index in range(3):
            expect(offers.nth(index)).to_be_checked()
        screenshot(page, "reconduct.png")
        page.get_by_role("button", name="Voir l’aperçu").click()
        settle(page)
        expect(page.get_by_text("À reconduire")).to_have_count(3)
        preview_at_both_widths(page, "reconduct-preview")
        page.get_by_role("button", name="Reconduire les 3 offres").click()
        settle(page)
        expect(
            page.get_by_text(re.compile(r"3 offres reconduites dans DuoDay \d{4}"))
        ).to_be_visible()
        page.get_by_role("link", name="Reconduire mes offres").click()
        settle(page)
        expect(page.get_by_text("Déjà reconduite", exact=True)).to_have_count(3)
        expect(page.get_by_role("checkbox")).to_have_count(0)
    finally:
        delete_offers(e2e_dir, [prefix])
