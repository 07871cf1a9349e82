"""« Offres » → « Importer des offres » (SPEC §8): the template, the preview of every row's
errors by line and column, the all-or-nothing import, and the refused files."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl.worksheet.formula import ArrayFormula
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from offers import imports, workflow
from offers.enums import Modality, OfferStatus, Sector
from offers.models import Edition, Offer
from tests.factories import EditionFactory, ReferentFactory, StructureFactory
from tests.html_text import text_of
from tests.offers.import_helpers import (
    HEADERS,
    csv_file,
    offer_row,
    preview_errors,
    upload_error,
    xlsx_bytes,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("offers:import")
TEMPLATE_XLSX_URL = reverse("offers:import_template_xlsx")
TEMPLATE_CSV_URL = reverse("offers:import_template_csv")


@pytest.fixture
def logged_in(client, employer):
    client.force_login(employer)
    return client


def upload(client, file):
    """Post the file; follow to the preview when it is readable."""
    return client.post(IMPORT_URL, {"file": file}, follow=True)


def import_button(response):
    return "Importer les" in text_of(response) or "Importer l’offre" in text_of(response)


def confirm(client, response):
    """« Importer les N offres » on the preview page `response`."""
    return client.post(response.redirect_chain[-1][0], follow=True)


def employer_offers(employer):
    return Offer.objects.filter(structure=employer.structure)


# The template


def test_xlsx_template_has_the_columns_and_an_example_row(logged_in, employer, current_edition):
    response = logged_in.get(TEMPLATE_XLSX_URL)

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="modele-import-offres-duoday-{current_edition.year}.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Offres", "Aide", "Listes"]
    rows = list(workbook["Offres"].values)
    assert list(rows[0]) == HEADERS
    example = dict(zip(HEADERS, rows[1], strict=True))
    assert example["Date"].date() == current_edition.duoday_date
    assert example["E-mail du référent de l'offre"] == employer.email
    assert example["Code postal"] == "69003"
    listed = [row[0] for row in workbook["Listes"].values][1:]
    assert listed == [str(label) for label in Sector.labels]
    assert workbook["Offres"].data_validations.dataValidation  # the drop-down lists


def test_csv_template_is_semicolon_separated_utf8_with_bom(logged_in, employer, current_edition):
    response = logged_in.get(TEMPLATE_CSV_URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff" + ";".join(HEADERS))
    example = text.splitlines()[1].split(";")
    assert current_edition.duoday_date.strftime("%d/%m/%Y") in example
    assert employer.email in example


@pytest.mark.parametrize("template_url", [TEMPLATE_XLSX_URL, TEMPLATE_CSV_URL])
def test_the_template_downloaded_imports_unchanged_as_one_valid_row(
    logged_in, employer, current_edition, template_url
):
    template = logged_in.get(template_url)
    name = template_url.rsplit("/", 1)[-1]

    preview = upload(logged_in, SimpleUploadedFile(name, template.content))

    assert preview_errors(preview) == []
    assertContains(preview, "1 offre prête à être importée")
    imported = confirm(logged_in, preview)
    offer = employer_offers(employer).get()
    assert offer.date == current_edition.duoday_date
    assert offer.referent == employer
    assert offer.sector == Sector.SERVICES
    assert offer.department.code == "69"
    assertContains(imported, "1 offre importée")


# Every row checked by the add-offer form, errors by line and column


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        (
            {"Intitulé du poste": ""},
            "Ligne 3, colonne « Intitulé du poste » : Champ requis.",
        ),
        (
            {"Code postal": "6900"},
            "Ligne 3, colonne « Code postal » : Saisissez un code postal français à 5 chiffres.",
        ),
        (
            {"Code postal": "99000"},
            "Ligne 3, colonne « Code postal » : Le code postal 99000 ne correspond à aucun "
            "département.",
        ),
        (
            {"Département": "75"},
            "Ligne 3, colonne « Département » : Le département ne correspond pas au code postal "
            "69003.",
        ),
        (
            {"Département": "Atlantide"},
            "Ligne 3, colonne « Département » : Département inconnu : « Atlantide ». Indiquez son "
            "code (69, 2A, 971) ou laissez la cellule vide.",
        ),
        (
            {"Secteur d'activité": "Aérospatiale"},
            "Ligne 3, colonne « Secteur d'activité » : Secteur inconnu : « Aérospatiale ». "
            "Choisissez l’un des secteurs de la liste.",
        ),
        (
            {"Modalité": "Hybride"},
            "Ligne 3, colonne « Modalité » : Modalité inconnue : « Hybride ». Indiquez Présentiel "
            "ou Distanciel.",
        ),
        (
            {"E-mail du référent de l'offre": "inconnu@exemple.fr"},
            "Ligne 3, colonne « E-mail du référent de l'offre » : « inconnu@exemple.fr » n’est "
            "l’adresse d’aucun référent actif de votre structure.",
        ),
        (
            {"Date": "19/11/2020"},
            "Ligne 3, colonne « Date » : La date doit être comprise dans la semaine DuoDay",
        ),
        (
            {"Date": "le 19 novembre"},
            "Ligne 3, colonne « Date » : Saisissez une date valide.",
        ),
        (
            {"Intitulé du poste": '=HYPERLINK("http://exemple.fr";"clic")'},
            "Ligne 3, colonne « Intitulé du poste » : Une cellule ne peut pas commencer par =, +, "
            "- ou @",
        ),
        (
            {"Horaires": "@SUM(1+1)"},
            "Ligne 3, colonne « Horaires » : Une cellule ne peut pas commencer par =, +, - ou @",
        ),
    ],
    ids=[
        "missing field",
        "bad postcode",
        "postcode of no department",
        "department not matching the postcode",
        "unknown department",
        "unknown sector",
        "unknown modality",
        "unknown referent e-mail",
        "date outside the edition",
        "not a date",
        "formula",
        "formula in an optional cell",
    ],
)
@pytest.mark.parametrize("file_of", [csv_file, xlsx_file], ids=["csv", "xlsx"])
def test_preview_gives_each_bad_rows_error_by_line_and_column(
    logged_in, employer, overrides, error, file_of
):
    rows = [offer_row(1), offer_row(2, **overrides), offer_row(3)]

    response = upload(logged_in, file_of(rows))

    errors = preview_errors(response)
    assert len(errors) == 1, errors
    assert errors[0].startswith(error), errors
    assertContains(response, "1 ligne comporte des erreurs")
    assert not import_button(response)
    assert not employer_offers(employer).exists()


def test_preview_lists_every_error_of_every_row(logged_in, employer):
    rows = [
        offer_row(1),
        offer_row(2, **{"Code postal": "", "Commune": ""}),
        offer_row(3),
        offer_row(4, **{"Secteur d'activité": "Inconnu"}),
    ]

    response = upload(logged_in, xlsx_file(rows))

    assert preview_errors(response) == [
        "Ligne 3, colonne « Code postal » : Champ requis.",
        "Ligne 3, colonne « Commune » : Champ requis.",
        "Ligne 5, colonne « Secteur d'activité » : Secteur inconnu : « Inconnu ». Choisissez "
        "l’un des secteurs de la liste.",
    ]
    assertContains(response, "2 lignes comportent des erreurs")
    # Every row is listed, with its state.
    page = text_of(response)
    for number in range(1, 5):
        assert f"Préparateur de commandes n° {number}" in page


def test_a_referent_of_another_structure_or_inactive_is_refused(logged_in, employer):
    ReferentFactory(email="autre@ailleurs.fr", structure=StructureFactory())
    ReferentFactory(email="parti@dupain.fr", structure=employer.structure, is_active=False)
    rows = [
        offer_row(1, **{"E-mail du référent de l'offre": "autre@ailleurs.fr"}),
        offer_row(2, **{"E-mail du référent de l'offre": "parti@dupain.fr"}),
    ]

    errors = preview_errors(upload(logged_in, csv_file(rows)))

    assert [error.split(" : ")[0] for error in errors] == [
        "Ligne 2, colonne « E-mail du référent de l'offre »",
        "Ligne 3, colonne « E-mail du référent de l'offre »",
    ]


@pytest.mark.parametrize(
    "formula",
    ['=CONCATENATE("Ly";"on")', ArrayFormula("F2", '=UPPER("Lyon")')],
    ids=["formula", "array formula"],
)
def test_a_workbook_formula_cell_is_refused(logged_in, employer, formula):
    content = xlsx_bytes([offer_row(1)])
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    workbook["Offres"]["F2"] = formula
    stream = io.BytesIO()
    workbook.save(stream)

    errors = preview_errors(upload(logged_in, SimpleUploadedFile("offres.xlsx", stream.getvalue())))

    assert len(errors) == 1
    assert errors[0].startswith("Ligne 2, colonne « Commune » : Une cellule ne peut pas")


# What the columns accept


def test_labels_values_short_names_and_defaults_are_understood(
    logged_in, employer, current_edition
):
    colleague = ReferentFactory(structure=employer.structure, email="Dominique@Dupain.fr")
    rows = [
        offer_row(1, **{"Secteur d'activité": "commerce", "Modalité": "distanciel"}),
        offer_row(
            2,
            **{
                "Secteur d'activité": "Santé, social, services à la personne",
                "Département": "69 – Rhône",
                "Modalité": "",
                "E-mail du référent de l'offre": "dominique@dupain.FR",
                "Date": current_edition.week_start.strftime("%d/%m/%Y"),
            },
        ),
        offer_row(3, **{"Secteur d'activité": "informatique", "E-mail du référent de l'offre": ""}),
    ]

    confirm(logged_in, upload(logged_in, csv_file(rows)))

    first, second, third = employer_offers(employer).order_by("address")
    assert (first.sector, first.modality) == (Sector.TRADE, Modality.REMOTE)
    assert first.date == current_edition.duoday_date
    assert (second.sector, second.modality) == (Sector.HEALTH, Modality.ON_SITE)
    assert second.referent == colleague
    assert second.date == current_edition.week_start
    assert (third.sector, third.referent) == (Sector.IT, employer)


def test_headers_may_differ_in_case_accents_order_and_unknown_columns_are_ignored(
    logged_in, employer
):
    headers = [header.upper() for header in reversed(HEADERS)] + ["Notes internes"]
    headers[headers.index("SECTEUR D'ACTIVITÉ")] = "Secteur d’activite *"
    row = {header.upper(): value for header, value in offer_row(1).items()}
    row["Secteur d’activite *"] = row.pop("SECTEUR D'ACTIVITÉ")
    row["Notes internes"] = "=ne pas lire"

    response = upload(logged_in, csv_file([row], headers=headers))

    assert preview_errors(response) == []
    assertContains(response, "Colonnes ignorées")
    assertContains(response, "« Notes internes »")


def test_optional_columns_may_be_left_out(logged_in, employer, current_edition):
    headers = HEADERS[:6]

    confirm(logged_in, upload(logged_in, csv_file([offer_row(1)], headers=headers)))

    offer = employer_offers(employer).get()
    assert (offer.modality, offer.date, offer.referent) == (
        Modality.ON_SITE,
        current_edition.duoday_date,
        employer,
    )


def test_windows_1252_comma_separated_csv_is_read(logged_in, employer):
    title = "Pâtissier·ère d’œuvre, « fournil »"
    file = csv_file(
        [offer_row(1, **{"Intitulé du poste": title})], delimiter=",", encoding="cp1252"
    )

    confirm(logged_in, upload(logged_in, file))

    assert employer_offers(employer).get().title == title


def test_line_numbers_count_blank_lines_and_multiline_cells_as_a_spreadsheet_does(
    logged_in, employer
):
    content = (
        ";".join(HEADERS)
        + "\r\n"
        + ";".join(offer_row(1, **{"Description des missions": '"Accueil\r\net visite"'}).values())
        + "\r\n\r\n"
        + ";".join(offer_row(3, **{"Code postal": "1"}).values())
        + "\r\n"
    )

    errors = preview_errors(upload(logged_in, SimpleUploadedFile("o.csv", content.encode())))

    assert errors == [
        "Ligne 4, colonne « Code postal » : Saisissez un code postal français à 5 chiffres."
    ]


def test_workbook_numbers_and_dates_are_read_as_typed(logged_in, employer, current_edition):
    content = xlsx_bytes([offer_row(1, **{"Code postal": "01000", "Commune": "Bourg"})])
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook["Offres"]
    sheet["E2"] = 1000  # a postcode typed in a « Standard » cell lost its leading zero
    sheet["G2"] = 1
    sheet["I2"] = datetime.datetime.combine(current_edition.week_end, datetime.time())
    sheet["J2"] = datetime.time(9, 30)
    stream = io.BytesIO()
    workbook.save(stream)

    confirm(logged_in, upload(logged_in, SimpleUploadedFile("o.xlsx", stream.getvalue())))

    offer = employer_offers(employer).get()
    assert (offer.postcode, offer.department.code, offer.date, offer.schedule) == (
        "01000",
        "01",
        current_edition.week_end,
        "09:30",
    )


# Files refused as a whole: a clear message, nothing saved


def zip_of(**members):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("offres.csv", b""), "Le fichier est vide."),
        (
            SimpleUploadedFile("offres.pdf", b"%PDF-1.4"),
            "Format non pris en charge : déposez un fichier .xlsx ou .csv",
        ),
        (
            SimpleUploadedFile("offres.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
            "Les fichiers .xls (Excel 97-2003) ne sont pas acceptés",
        ),
        (
            SimpleUploadedFile("offres.xlsx", b"Intitule;Description\r\n"),
            "Ce fichier Excel est endommagé ou n’est pas un vrai fichier .xlsx",
        ),
        (
            SimpleUploadedFile("offres.xlsx", xlsx_bytes([offer_row(1)])[:3000]),
            "Ce fichier Excel est endommagé ou n’est pas un vrai fichier .xlsx",
        ),
        (
            SimpleUploadedFile("offres.xlsx", zip_of(**{"readme.txt": "pas un classeur"})),
            "Ce fichier Excel est endommagé ou n’est pas un vrai fichier .xlsx",
        ),
        (
            SimpleUploadedFile("offres.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            "Ce fichier n’est pas un fichier CSV lisible",
        ),
        (
            SimpleUploadedFile("offres.csv", b" " * (5 * 1024 * 1024 + 1)),
            "Le fichier dépasse 5 Mo",
        ),
        (
            SimpleUploadedFile("offres.csv", (";".join(HEADERS) + "\r\n").encode()),
            "Le fichier ne contient aucune offre",
        ),
        (
            csv_file([offer_row(1, **{"Description des missions": "x" * 200_000})]),
            "Ce fichier CSV est mal formé",
        ),
        (
            SimpleUploadedFile("offres.csv", b"\r\n\r\n"),
            "Le fichier est vide, ou sa ligne 1 ne donne pas les noms des colonnes.",
        ),
        (
            csv_file([offer_row(1)], headers=[h for h in HEADERS if h not in ("Code postal",)]),
            "Colonnes obligatoires absentes : « Code postal ».",
        ),
        (
            csv_file([offer_row(1)], headers=[*HEADERS, "Commune"]),
            "La colonne « Commune » apparaît deux fois dans la ligne 1 (en-têtes).",
        ),
    ],
    ids=[
        "empty",
        "wrong format",
        "old xls",
        "text named xlsx",
        "truncated xlsx",
        "zip that is no workbook",
        "binary named csv",
        "over 5 MB",
        "header only",
        "cell over the csv module's limit",
        "blank lines only",
        "missing column",
        "duplicate column",
    ],
)
def test_an_unreadable_file_gets_a_clear_message_and_saves_nothing(
    logged_in, employer, file, message
):
    response = upload(logged_in, file)

    assert response.status_code == 200
    assert response.redirect_chain == []
    assert message in upload_error(response)
    assert not employer_offers(employer).exists()


def test_a_file_over_5000_rows_is_refused(logged_in, employer):
    rows = "\r\n".join(";".join(offer_row(number).values()) for number in range(5001))
    file = SimpleUploadedFile("offres.csv", (";".join(HEADERS) + "\r\n" + rows).encode())

    response = upload(logged_in, file)

    assert "plus de 5 000 offres" in upload_error(response)


def test_a_zip_bomb_workbook_is_refused(logged_in, employer, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNPACKED_SIZE", 1000)

    response = upload(logged_in, xlsx_file([offer_row(1)]))

    assert "trop volumineux une fois ouvert" in upload_error(response)


def test_no_file_is_asked_for_again(logged_in):
    response = logged_in.post(IMPORT_URL, {})

    assert upload_error(response) == "Choisissez le fichier de vos offres."


# All or nothing


def test_confirming_imports_every_row_at_once_with_one_summary_email(
    logged_in, employer, current_edition, django_capture_on_commit_callbacks
):
    colleague = ReferentFactory(structure=employer.structure, email="dominique@dupain.fr")
    rows = [offer_row(number) for number in range(1, 20)]
    rows.append(offer_row(20, **{"E-mail du référent de l'offre": colleague.email}))
    preview = upload(logged_in, xlsx_file(rows))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(logged_in, preview)

    assertRedirects(response, reverse("offers:list"))
    assertContains(response, "20 offres importées")
    offers = employer_offers(employer)
    assert offers.count() == 20
    assert set(offers.values_list("status", "edition_id")) == {
        (OfferStatus.OPEN, current_edition.pk)
    }
    assert sorted(message.to for message in mail.outbox) == [
        [employer.email],
        [colleague.email],
    ]
    summary = next(message for message in mail.outbox if message.to == [employer.email])
    assert summary.subject == "[DuoDay] 20 offres importées"
    assert "Les 20 offres de votre fichier sont enregistrées" in summary.body
    assigned = next(message for message in mail.outbox if message.to == [colleague.email])
    assert assigned.subject == "[DuoDay] Vous êtes le référent d'une nouvelle offre"
    assert "Préparateur de commandes n° 20" in assigned.body


def test_a_file_with_one_bad_row_cannot_be_imported(logged_in, employer):
    rows = [offer_row(number) for number in range(1, 10)] + [offer_row(10, **{"Code postal": ""})]
    preview = upload(logged_in, csv_file(rows))

    response = confirm(logged_in, preview)

    assert not employer_offers(employer).exists()
    assertContains(response, "Le fichier comporte des erreurs")


def test_a_failure_while_saving_saves_nothing(logged_in, employer, monkeypatch):
    preview = upload(logged_in, csv_file([offer_row(number) for number in range(1, 4)]))
    bulk_create = Offer.objects.bulk_create

    def save_then_fail(offers, **kwargs):
        bulk_create(offers, **kwargs)
        raise workflow.InvalidTransition("Panne simulée.")

    monkeypatch.setattr(Offer.objects, "bulk_create", save_then_fail)

    response = confirm(logged_in, preview)

    assert not employer_offers(employer).exists()
    assertContains(response, "Panne simulée.")


def test_confirming_twice_imports_once(logged_in, employer):
    preview = upload(logged_in, csv_file([offer_row(1), offer_row(2)]))
    confirm(logged_in, preview)

    again = confirm(logged_in, preview)

    assert employer_offers(employer).count() == 2
    assertRedirects(again, IMPORT_URL)
    assertContains(again, "Cet aperçu n’est plus disponible")


def test_confirmation_checks_the_rows_again(logged_in, employer):
    colleague = ReferentFactory(structure=employer.structure, email="dominique@dupain.fr")
    preview = upload(
        logged_in,
        csv_file([offer_row(1, **{"E-mail du référent de l'offre": colleague.email})]),
    )
    colleague.is_active = False
    colleague.save()

    response = confirm(logged_in, preview)

    assert not employer_offers(employer).exists()
    assertContains(response, "Des erreurs sont apparues depuis l’aperçu")
    assert preview_errors(response)[0].startswith(
        "Ligne 2, colonne « E-mail du référent de l'offre »"
    )


def test_workflow_refuses_offers_of_another_structure(employer, current_edition):
    other = StructureFactory()
    offer = Offer(
        structure=other,
        edition=current_edition,
        referent=employer,
        title="x",
        department_id=1,
        date=current_edition.duoday_date,
    )

    with pytest.raises(workflow.InvalidTransition):
        workflow.import_offers(employer.structure, [offer], employer)

    assert not Offer.objects.exists()


def test_an_import_into_a_past_edition_is_refused(logged_in, employer, current_edition):
    preview = upload(logged_in, csv_file([offer_row(1)]))
    Edition.objects.filter(pk=current_edition.pk).update(
        week_start=datetime.date(2000, 1, 1),
        duoday_date=datetime.date(2000, 1, 2),
        week_end=datetime.date(2000, 1, 3),
    )

    response = confirm(logged_in, preview)

    assert not employer_offers(employer).exists()
    assertContains(response, "Cette édition est passée")


# Pages and access


def test_offer_list_leads_to_import_and_reconduction(logged_in):
    response = logged_in.get(reverse("offers:list"))

    assertContains(response, f'href="{IMPORT_URL}"')
    assertContains(response, f'href="{reverse("offers:reconduct")}"')
    page = text_of(response)
    assert "Importer des offres" in page
    assert "Reconduire mes offres" in page


def test_import_page_offers_both_templates_and_explains_the_columns(logged_in):
    response = logged_in.get(IMPORT_URL)

    assertContains(response, f'href="{TEMPLATE_XLSX_URL}"')
    assertContains(response, f'href="{TEMPLATE_CSV_URL}"')
    assertContains(response, 'enctype="multipart/form-data"')
    for label in Sector.labels:
        assertContains(response, label)


def test_support_structures_have_no_import(client, support_referent, current_edition):
    client.force_login(support_referent)

    for url in [IMPORT_URL, TEMPLATE_XLSX_URL, TEMPLATE_CSV_URL, reverse("offers:reconduct")]:
        assert client.get(url).status_code == 404
    assertNotContains(client.get(reverse("offers:list")), "Importer des offres")


def test_visitors_are_sent_to_the_login(client, current_edition):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("directory:login"))


def test_another_referents_preview_is_not_theirs(client, logged_in, employer):
    preview = upload(logged_in, csv_file([offer_row(1)]))
    preview_url = preview.redirect_chain[-1][0]
    colleague = ReferentFactory(structure=employer.structure)
    client.force_login(colleague)

    for response in [client.get(preview_url), client.post(preview_url)]:
        assertRedirects(response, IMPORT_URL)
    assert not employer_offers(employer).exists()
    assert "Préparateur" not in text_of(client.get(IMPORT_URL))


def test_without_a_current_edition_there_is_no_import(client, employer):
    Edition.objects.update(is_current=False)
    EditionFactory()
    client.force_login(employer)

    assert client.get(IMPORT_URL).status_code == 404


def test_rows_checked_one_after_the_other_keep_their_own_values_and_errors(
    employer, current_edition
):
    values = [
        offer_row(1, **{"Département": "69"}),
        offer_row(2, **{"Code postal": "75011", "Commune": "Paris"}),
        offer_row(3, **{"Date": "01/01/2001"}),
        offer_row(4, **{"Secteur d'activité": "Artisanat"}),
    ]
    rows = [
        (line, {column.field: row[str(column.header)] for column in imports.COLUMNS})
        for line, row in enumerate(values, start=2)
    ]

    checked = imports.check_rows(rows, employer.structure, current_edition, employer)

    assert [row.is_valid for row in checked] == [True, True, False, True]
    offers = [row.offer for row in checked if row.offer]
    assert len({id(offer) for offer in offers}) == 3
    assert [offer.department.code for offer in offers] == ["69", "75", "69"]
    assert [offer.sector for offer in offers] == [Sector.LOGISTICS, Sector.LOGISTICS, Sector.CRAFTS]
    assert [column for column, _message in checked[2].errors] == ["Date"]


def test_once_the_edition_has_passed_import_and_reconduction_say_so(
    logged_in, employer, current_edition
):
    Edition.objects.filter(pk=current_edition.pk).update(
        week_start=datetime.date(2000, 1, 1),
        duoday_date=datetime.date(2000, 1, 2),
        week_end=datetime.date(2000, 1, 3),
    )

    for url in [IMPORT_URL, TEMPLATE_XLSX_URL, reverse("offers:reconduct")]:
        response = logged_in.get(url, follow=True)

        assertRedirects(response, reverse("offers:list"))
        assertContains(response, f"L’édition DuoDay {current_edition.year} est terminée")
