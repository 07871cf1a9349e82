"""« Exporter (CSV) » / « Exporter (XLSX) »: an employer's offers (status, interested SAs,
duo) and an SA's duos; cells safe from formula injection; streamed, with as many queries
for 3 rows as for 30."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from offers.enums import OfferStatus
from tests.factories import (
    DuoFactory,
    InterestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://pirate.example","Cliquez")'
# One more than the list's own filters: the editions to choose from (current by default).
OFFER_EXPORT_QUERIES = 7
DUO_EXPORT_QUERIES = 4


def offers_url(file_format, query=""):
    return reverse("offers:export_offers", args=[file_format]) + query


def duos_url(file_format):
    return reverse("offers:export_duos", args=[file_format])


def body_of(response):
    """The bytes of a streamed (CSV) or file (XLSX) response, read to the end."""
    return b"".join(response.streaming_content)


def csv_rows(response):
    body = body_of(response)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(body_of(response)))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def as_dicts(rows):
    headers, *lines = rows
    return [dict(zip(headers, line, strict=True)) for line in lines]


def export(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.fixture
def offers_in_every_state(employer, support_referent, other_support_referent, offer):
    """The employer's open offer, an « En cours » one with two interested SAs, and a
    « Concrétisée » one whose duo the SA formed."""
    in_progress = OfferFactory(
        structure=employer.structure, referent=employer, title="Préparateur de commandes"
    )
    InterestFactory(offer=in_progress, structure=support_referent.structure)
    InterestFactory(offer=in_progress, structure=other_support_referent.structure)
    filled = OfferFactory(structure=employer.structure, referent=employer, title="Livreur")
    DuoFactory(
        offer=filled,
        structure=support_referent.structure,
        created_by=support_referent,
        person_first_name="Léa",
        person_last_name="Fontaine",
    )
    return {"open": offer, "in_progress": in_progress, "filled": filled}


# --- The employer's offers ---------------------------------------------------------------


def test_employer_csv_export_is_a_semicolon_separated_attachment_with_french_headers(
    client, employer, offers_in_every_state
):
    response = export(client, employer, offers_url("csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="offres-duoday-')
    assert response["Content-Disposition"].endswith('.csv"')
    headers = csv_rows(response)[0]
    assert headers[:4] == ["Édition", "Intitulé du poste", "État", "Date"]
    assert "Structures accompagnantes intéressées" in headers
    assert "Duo : personne" in headers


def test_employer_csv_export_lists_each_offer_with_its_state_interested_sas_and_duo(
    client, employer, offers_in_every_state
):
    rows = {
        row["Intitulé du poste"]: row
        for row in as_dicts(csv_rows(export(client, employer, offers_url("csv"))))
    }

    assert set(rows) == {"Vendeur en boulangerie", "Préparateur de commandes", "Livreur"}
    assert rows["Vendeur en boulangerie"]["État"] == "Non concrétisée"
    assert rows["Vendeur en boulangerie"]["Structures accompagnantes intéressées"] == ""
    in_progress = rows["Préparateur de commandes"]
    assert in_progress["État"] == "En cours"
    assert in_progress["Structures accompagnantes intéressées"] == (
        "ESAT Les Ateliers, Cap Emploi Rhône"
    )
    assert in_progress["Nombre de structures intéressées"] == "2"
    filled = rows["Livreur"]
    assert filled["État"] == "Concrétisée"
    assert filled["Duo : structure accompagnante"] == "ESAT Les Ateliers"
    assert filled["Duo : personne"] == "Léa Fontaine"
    assert filled["Référent de l'offre"] == "Camille Martin"
    assert filled["E-mail du référent"] == "camille.martin@dupain.fr"
    offer = offers_in_every_state["filled"]
    assert filled["Date"] == offer.date.strftime("%d/%m/%Y")
    assert filled["Édition"] == str(offer.edition.year)


def test_employer_xlsx_export_opens_with_the_same_offers_and_real_dates(
    client, employer, offers_in_every_state
):
    response = export(client, employer, offers_url("xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = {row["Intitulé du poste"]: row for row in as_dicts(xlsx_rows(response))}
    assert set(rows) == {"Vendeur en boulangerie", "Préparateur de commandes", "Livreur"}
    filled = rows["Livreur"]
    assert filled["État"] == "Concrétisée"
    assert filled["Duo : personne"] == "Léa Fontaine"
    assert filled["Date"] == datetime.datetime.combine(
        offers_in_every_state["filled"].date, datetime.time()
    )
    assert filled["Édition"] == offers_in_every_state["filled"].edition.year


def test_employer_export_keeps_the_lists_filters(client, employer, offers_in_every_state):
    query = f"?status={OfferStatus.IN_PROGRESS}"

    rows = as_dicts(csv_rows(export(client, employer, offers_url("csv", query))))

    assert [row["Intitulé du poste"] for row in rows] == ["Préparateur de commandes"]


def test_offer_list_export_buttons_carry_the_current_filters(client, employer, offer):
    client.force_login(employer)

    response = client.get(reverse("offers:list") + "?q=Vendeur&status=non_concretisee")

    content = response.content.decode()
    assert offers_url("csv", "?q=Vendeur&amp;status=non_concretisee") in content
    assert offers_url("xlsx", "?q=Vendeur&amp;status=non_concretisee") in content


def test_employer_export_has_only_its_own_offers_of_every_edition(
    client, employer, offer, past_edition
):
    OfferFactory(title="Offre d'un autre employeur")
    OfferFactory(
        structure=employer.structure, referent=employer, edition=past_edition, title="L'an passé"
    )

    # « Toutes les éditions » in the list's filters (an empty edition).
    rows = as_dicts(csv_rows(export(client, employer, offers_url("csv", "?edition="))))

    assert sorted(row["Intitulé du poste"] for row in rows) == [
        "L'an passé",
        "Vendeur en boulangerie",
    ]


def test_employer_export_follows_the_lists_default_the_current_edition(
    client, employer, offer, past_edition
):
    OfferFactory(
        structure=employer.structure, referent=employer, edition=past_edition, title="L'an passé"
    )

    rows = as_dicts(csv_rows(export(client, employer, offers_url("csv"))))

    assert [row["Intitulé du poste"] for row in rows] == ["Vendeur en boulangerie"]


def test_employer_export_does_not_name_a_cancelled_duo(client, employer, offer, support_referent):
    DuoFactory(offer=offer, structure=support_referent.structure, cancelled=True)

    [row] = as_dicts(csv_rows(export(client, employer, offers_url("csv"))))

    assert row["Duo : personne"] == ""


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formulas_in_the_offer_export_reach_the_employer_as_text(
    client, employer, support_referent, file_format
):
    employer.first_name = "=1+1"
    employer.save()
    offer = OfferFactory(
        structure=employer.structure, referent=employer, title=FORMULA, schedule="@SUM(A1)"
    )
    InterestFactory(
        offer=offer, structure=StructureFactory(support=True, validated=True, name="+33 1")
    )
    DuoFactory(offer=offer, structure=support_referent.structure, person_first_name="-2+3")

    response = export(client, employer, offers_url(file_format))
    rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)

    [row] = as_dicts(rows)
    assert row["Intitulé du poste"] == "'" + FORMULA
    assert row["Horaires"] == "'@SUM(A1)"
    assert row["Référent de l'offre"].startswith("'=1+1")
    assert row["Structures accompagnantes intéressées"].startswith("'+33 1")
    assert row["Duo : personne"].startswith("'-2+3")
    values = [value for value in row.values() if isinstance(value, str)]
    assert not [value for value in values if value[:1] in "=+-@"]


def test_a_formula_in_the_xlsx_is_never_a_formula_cell(client, employer):
    OfferFactory(structure=employer.structure, referent=employer, title=FORMULA)

    response = export(client, employer, offers_url("xlsx"))

    workbook = openpyxl.load_workbook(io.BytesIO(body_of(response)))
    assert not [
        cell for row in workbook.active.iter_rows() for cell in row if cell.data_type == "f"
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("count", [3, 30])
def test_offer_export_queries_do_not_grow_with_offers(
    client, employer, support_referent, django_assert_max_num_queries, file_format, count
):
    for number in range(count):
        offer = OfferFactory(structure=employer.structure, referent=employer)
        InterestFactory(offer=offer)
        if number % 3 == 0:
            DuoFactory(offer=offer, structure=support_referent.structure)
    client.force_login(employer)
    client.get(reverse("offers:list"))

    with django_assert_max_num_queries(OFFER_EXPORT_QUERIES):
        response = client.get(offers_url(file_format))
        rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)

    assert len(rows) == count + 1


def test_offer_export_reads_the_offers_chunk_by_chunk(
    client, employer, support_referent, monkeypatch
):
    """Small chunks: the interested SAs and the duo of every chunk still come out right."""
    monkeypatch.setattr("offers.exports.CHUNK_SIZE", 2)
    for number in range(5):
        offer = OfferFactory(
            structure=employer.structure, referent=employer, title=f"Offre {number}"
        )
        InterestFactory(
            offer=offer,
            structure=StructureFactory(support=True, validated=True, name=f"SA {number}"),
        )

    rows = as_dicts(csv_rows(export(client, employer, offers_url("csv"))))

    assert {
        row["Intitulé du poste"]: row["Structures accompagnantes intéressées"] for row in rows
    } == {f"Offre {number}": f"SA {number}" for number in range(5)}


# --- The SA's duos ------------------------------------------------------------------------


@pytest.fixture
def sa_duos(employer, support_referent, other_support_referent, past_edition):
    """The SA's duo of this edition and of the past one, a cancelled one, and another SA's."""
    current = DuoFactory(
        offer=OfferFactory(structure=employer.structure, referent=employer, title="Livreur"),
        structure=support_referent.structure,
        created_by=support_referent,
        person_first_name="Léa",
        person_last_name="Fontaine",
    )
    past = DuoFactory(
        offer=OfferFactory(
            structure=employer.structure, referent=employer, edition=past_edition, title="Pâtissier"
        ),
        structure=support_referent.structure,
        person_first_name="Noé",
        person_last_name="Lefebvre",
    )
    DuoFactory(
        offer=OfferFactory(title="Annulé"), structure=support_referent.structure, cancelled=True
    )
    DuoFactory(
        offer=OfferFactory(title="Duo d'une autre SA"), structure=other_support_referent.structure
    )
    return {"current": current, "past": past}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_sa_export_lists_its_active_duos_of_every_edition(
    client, support_referent, sa_duos, file_format
):
    response = export(client, support_referent, duos_url(file_format))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="duos-duoday-')
    rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)
    by_title = {row["Intitulé du poste"]: row for row in as_dicts(rows)}
    assert list(by_title) == ["Livreur", "Pâtissier"]
    livreur = by_title["Livreur"]
    assert livreur["Prénom de la personne"] == "Léa"
    assert livreur["Nom de la personne"] == "Fontaine"
    assert livreur["Employeur"] == "Boulangerie Dupain"
    assert livreur["Référent de l'offre"] == "Camille Martin"
    assert livreur["Téléphone du référent"] == "06 11 22 33 44"
    assert livreur["Constitué par"] == "Sacha Bernard"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_formulas_in_the_duo_export_reach_the_sa_as_text(client, support_referent, file_format):
    employer = StructureFactory(name=FORMULA, postcode="69003")
    DuoFactory(
        offer=OfferFactory(structure=employer),
        structure=support_referent.structure,
        person_last_name="=CMD|' /C calc'!A0",
    )

    response = export(client, support_referent, duos_url(file_format))
    rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)

    [row] = as_dicts(rows)
    assert row["Employeur"] == "'" + FORMULA
    assert row["Nom de la personne"] == "'=CMD|' /C calc'!A0"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("count", [3, 30])
def test_duo_export_queries_do_not_grow_with_duos(
    client, support_referent, django_assert_max_num_queries, file_format, count
):
    DuoFactory.create_batch(count, structure=support_referent.structure, offer__postcode="69003")
    client.force_login(support_referent)
    client.get(reverse("offers:my_duos"))

    with django_assert_max_num_queries(DUO_EXPORT_QUERIES):
        response = client.get(duos_url(file_format))
        rows = csv_rows(response) if file_format == "csv" else xlsx_rows(response)

    assert len(rows) == count + 1


def test_my_duos_shows_the_export_buttons(client, support_referent, sa_duos):
    client.force_login(support_referent)

    content = client.get(reverse("offers:my_duos")).content.decode()

    assert duos_url("csv") in content
    assert duos_url("xlsx") in content


# --- Who may export ----------------------------------------------------------------------


def test_an_sa_gets_404_on_the_offer_export(client, support_referent):
    assert export(client, support_referent, offers_url("csv")).status_code == 404


def test_an_employer_gets_404_on_the_duo_export(client, employer):
    assert export(client, employer, duos_url("csv")).status_code == 404


@pytest.mark.parametrize("url", [offers_url("csv"), duos_url("xlsx")])
def test_a_visitor_is_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("directory:login"))


def test_an_unknown_format_gets_404(client, employer):
    assert export(client, employer, offers_url("pdf")).status_code == 404


def test_a_user_without_structure_gets_404(client):
    user = ReferentFactory(structure=None)

    assert export(client, user, offers_url("csv")).status_code == 404
    assert export(client, user, duos_url("csv")).status_code == 404
