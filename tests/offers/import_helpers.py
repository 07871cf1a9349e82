"""Files for the import tests: rows of offers as an employer would type them, written to
XLSX or CSV in memory, and the preview page's error lines."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.html_text import soup, texts

HEADERS = [
    "Intitulé du poste",
    "Description des missions",
    "Secteur d'activité",
    "Adresse",
    "Code postal",
    "Commune",
    "Département",
    "Modalité",
    "Date",
    "Horaires",
    "Accessibilité du lieu",
    "E-mail du référent de l'offre",
]


def offer_row(number=1, **overrides):
    """A valid row, by header, for the `employer` fixture's structure in Lyon (69)."""
    row = {
        "Intitulé du poste": f"Préparateur de commandes n° {number}",
        "Description des missions": "Préparer les commandes avec l'équipe logistique.",
        "Secteur d'activité": "Logistique, transport",
        "Adresse": f"{number} rue Garibaldi",
        "Code postal": "69003",
        "Commune": "Lyon",
        "Département": "",
        "Modalité": "Présentiel",
        "Date": "",
        "Horaires": "9 h – 17 h",
        "Accessibilité du lieu": "Plain-pied.",
        "E-mail du référent de l'offre": "camille.martin@dupain.fr",
    }
    return {**row, **overrides}


def csv_file(rows, headers=HEADERS, delimiter=";", encoding="utf-8", name="offres.csv"):
    lines = [delimiter.join(headers)]
    for row in rows:
        cells = []
        for header in headers:
            value = str(row.get(header, ""))
            if delimiter in value or '"' in value or "\n" in value:
                value = '"' + value.replace('"', '""') + '"'
            cells.append(value)
        lines.append(delimiter.join(cells))
    return SimpleUploadedFile(name, ("\r\n".join(lines) + "\r\n").encode(encoding))


def xlsx_bytes(rows, headers=HEADERS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Offres"
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def xlsx_file(rows, headers=HEADERS, name="offres.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, headers))


def preview_errors(response):
    """The error lines listed at the top of the preview page."""
    return texts(response, "ul.import-errors > li")


def upload_error(response):
    """The message under the file field of « Importer des offres »."""
    group = soup(response).select_one("div.fr-messages-group#id_file-error")
    if group is None:
        return None
    return " ".join(group.get_text(" ").split())
