"""The coordinators' admin for the operation: Éditions, Offres, Intérêts, Duos in the
« DuoDay » menu, and the dashboard panel of the current edition on the admin home."""

import csv
import datetime
import io
from html import unescape

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu

from directory.models import Department, User
from offers.admin_dashboard import CurrentEditionPanel
from offers.enums import Modality, OfferStatus, Sector
from offers.models import Edition, Offer
from tests.factories import (
    DuoFactory,
    EditionFactory,
    InterestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)
from tests.html_text import soup, text_of

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EDITIONS_URL = reverse("offers_edition_modeladmin_index")
OFFERS_URL = reverse("offers_offer_modeladmin_index")
INTERESTS_URL = reverse("offers_interest_modeladmin_index")
DUOS_URL = reverse("offers_duo_modeladmin_index")
STRUCTURES_URL = reverse("directory_structure_modeladmin_index")
HOME_URL = reverse("wagtailadmin_home")
PANEL_ID = "duoday-current-edition-section"


def edition_url(action, edition):
    return reverse(f"offers_edition_modeladmin_{action}", args=[edition.pk])


def assert_refused(response):
    """Wagtail's admin turns a PermissionDenied into a redirection to its dashboard."""
    assert response.status_code == 302
    assert response["Location"] == HOME_URL


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = workbook.active.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def listed(response):
    return list(response.context["object_list"])


def upcoming_edition(years_ahead=2):
    """An edition after the current one (whose DuoDay is next year's)."""
    return EditionFactory(year=timezone.localdate().year + years_ahead)


@pytest.fixture
def coordinator_client(client, db):
    client.force_login(UserFactory(coordinator=True))
    return client


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(editor=True))
    return client


# The menu


def test_the_duoday_menu_is_registered_once(coordinator_client):
    request = coordinator_client.get(HOME_URL).wsgi_request

    labels = [item.label for item in admin_menu.menu_items_for_request(request)]

    assert labels.count("DuoDay") == 1


def test_coordinator_sees_every_listing_in_the_duoday_menu(coordinator_client):
    content = coordinator_client.get(HOME_URL).content.decode()

    for url in (STRUCTURES_URL, EDITIONS_URL, OFFERS_URL, INTERESTS_URL, DUOS_URL):
        assert url in content


def test_editor_sees_no_offers_listing(editor_client):
    content = editor_client.get(HOME_URL).content.decode()

    assert OFFERS_URL not in content
    assert DUOS_URL not in content


@pytest.mark.parametrize("url", [EDITIONS_URL, OFFERS_URL, INTERESTS_URL, DUOS_URL])
def test_editor_cannot_list_nor_export(editor_client, url):
    assert_refused(editor_client.get(url))
    assert_refused(editor_client.get(url, {"export": "csv"}))


# Offers: listing, filters, search, export, inspection


def test_coordinator_lists_offers(coordinator_client, current_edition):
    OfferFactory(title="Vendeur en boulangerie", structure=StructureFactory(name="Boulangerie"))
    DuoFactory(offer__title="Agent d'accueil")

    response = coordinator_client.get(OFFERS_URL)

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert "Vendeur en boulangerie" in content
    assert "Boulangerie" in content
    assert "Agent d'accueil" in content
    assert "Concrétisée" in content
    assert str(current_edition) in content


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status__exact": OfferStatus.IN_PROGRESS}, ["Vendeur"]),
        ({"sector__exact": Sector.HEALTH}, ["Aide-soignant"]),
        ({"modality__exact": Modality.REMOTE}, ["Comptable"]),
    ],
    ids=["status", "sector", "modality"],
)
def test_coordinator_filters_offers(coordinator_client, current_edition, params, expected):
    InterestFactory(offer__title="Vendeur")
    OfferFactory(title="Aide-soignant", sector=Sector.HEALTH)
    OfferFactory(title="Comptable", modality=Modality.REMOTE)

    response = coordinator_client.get(OFFERS_URL, params)

    assert response.status_code == 200
    assert [offer.title for offer in listed(response)] == expected


def test_coordinator_filters_offers_by_edition(coordinator_client, current_edition, past_edition):
    OfferFactory(title="Offre de cette année")
    OfferFactory(title="Offre d'autrefois", edition=past_edition)

    response = coordinator_client.get(OFFERS_URL, {"edition__id__exact": past_edition.pk})

    assert [offer.title for offer in listed(response)] == ["Offre d'autrefois"]


def test_coordinator_filters_offers_by_department(coordinator_client, current_edition):
    OfferFactory(title="À Lyon", postcode="69003")
    paris = OfferFactory(title="À Paris", postcode="75011", commune="Paris").department

    response = coordinator_client.get(OFFERS_URL, {"department__id__exact": paris.pk})

    assert [offer.title for offer in listed(response)] == ["À Paris"]


@pytest.mark.parametrize(
    "search", ["boulangerie", "dupain", "villeurbanne"], ids=["title", "employer", "commune"]
)
def test_coordinator_searches_offers(coordinator_client, current_edition, search):
    wanted = OfferFactory(
        title="Vendeur en boulangerie",
        structure=StructureFactory(name="Maison Dupain"),
        commune="Villeurbanne",
    )
    OfferFactory(title="Comptable", commune="Lyon")

    response = coordinator_client.get(OFFERS_URL, {"q": search})

    assert listed(response) == [wanted]


def test_coordinator_exports_offers_as_csv(coordinator_client, current_edition):
    offer = OfferFactory(
        title="Vendeur en boulangerie", structure=StructureFactory(name="Maison Dupain")
    )
    InterestFactory(offer=offer)

    response = coordinator_client.get(OFFERS_URL, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="offres.csv"' in response["Content-Disposition"]
    [row] = csv_rows(response)
    assert row["Intitulé du poste"] == "Vendeur en boulangerie"
    assert row["Employeur"] == "Maison Dupain"
    assert row["Édition"] == str(current_edition)
    assert row["État"] == "En cours"
    assert row["Modalité"] == "Présentiel"
    assert row["Date"] == offer.date.strftime("%d/%m/%Y")
    assert row["E-mail du référent"] == offer.referent.email


def test_offers_export_follows_the_listing_filters(coordinator_client, current_edition):
    OfferFactory(title="Vendeur en boulangerie")
    DuoFactory(offer__title="Comptable")

    response = coordinator_client.get(
        OFFERS_URL, {"export": "csv", "status__exact": OfferStatus.FILLED}
    )

    assert [row["Intitulé du poste"] for row in csv_rows(response)] == ["Comptable"]


def test_coordinator_exports_offers_as_xlsx(coordinator_client, current_edition):
    offer = OfferFactory(title="Vendeur en boulangerie")

    response = coordinator_client.get(OFFERS_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    [row] = xlsx_rows(response)
    assert row["Intitulé du poste"] == "Vendeur en boulangerie"
    assert row["État"] == "Non concrétisée"
    assert row["Date"] == offer.date
    assert isinstance(row["Créée le"], datetime.datetime)


FORMULA = '=HYPERLINK("https://exemple.invalid","Cliquez")'


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_offers_export_keeps_formula_like_related_names_as_text(
    coordinator_client, current_edition, export_format
):
    structure = StructureFactory(name="+33 rue du Commerce")
    referent = ReferentFactory(structure=structure, first_name=FORMULA, last_name="")
    OfferFactory(title="-1+1", structure=structure, referent=referent, commune="@Lyon")

    response = coordinator_client.get(OFFERS_URL, {"export": export_format})

    rows = csv_rows(response) if export_format == "csv" else xlsx_rows(response)
    [row] = rows
    assert row["Intitulé du poste"] == "'-1+1"
    assert row["Employeur"] == "'+33 rue du Commerce"
    assert row["Référent de l'offre"] == "'" + FORMULA
    assert row["Commune"] == "'@Lyon"


def test_duos_export_keeps_a_formula_like_person_name_as_text(coordinator_client, current_edition):
    DuoFactory(person_first_name="=1+1", person_last_name="@Martin")

    [row] = csv_rows(coordinator_client.get(DUOS_URL, {"export": "csv"}))

    assert row["Nom de la personne"] == "'@Martin"
    assert row["Prénom de la personne"] == "'=1+1"


@pytest.mark.parametrize(
    "name, make_object",
    [
        ("offers_edition", lambda: EditionFactory()),
        ("offers_offer", lambda: OfferFactory()),
        ("offers_interest", lambda: InterestFactory()),
        ("offers_duo", lambda: DuoFactory()),
    ],
    ids=["edition", "offer", "interest", "duo"],
)
def test_editor_cannot_read_the_history_of_offers_objects(
    editor_client, current_edition, name, make_object
):
    instance = make_object()

    response = editor_client.get(reverse(f"{name}_modeladmin_history", args=[instance.pk]))

    assert_refused(response)


def test_coordinator_reads_the_history_of_an_edition(coordinator_client, current_edition):
    coordinator_client.post(
        reverse("offers_edition_modeladmin_create"),
        {
            "year": current_edition.year + 1,
            "duoday_date": f"{current_edition.year + 1}-11-18",
            "registration_opens": f"{current_edition.year + 1}-09-01",
            "registration_closes": f"{current_edition.year + 1}-11-10",
        },
    )
    edition = Edition.objects.get(year=current_edition.year + 1)

    response = coordinator_client.get(edition_url("history", edition))

    assert response.status_code == 200
    assert "Créé(e)" in unescape(response.content.decode())


@pytest.mark.parametrize(
    "params",
    [
        {"edition__id__exact": "abc"},
        {"edition__id__exact": "9" * 5000},
        {"status": "zzz"},
        {"department__id__exact": "\x00"},
        {"referent__password__startswith": "a"},
    ],
    ids=["not-a-number", "too-long", "undeclared", "nul", "through-a-relation"],
)
def test_a_malformed_offers_filter_brings_back_the_whole_listing(
    coordinator_client, current_edition, past_edition, params
):
    OfferFactory()
    OfferFactory(edition=past_edition)

    response = coordinator_client.get(OFFERS_URL, params)

    assert response.status_code == 302
    assert response["Location"] == OFFERS_URL


def test_an_unknown_status_lists_nothing(coordinator_client, current_edition):
    OfferFactory()

    response = coordinator_client.get(OFFERS_URL, {"status__exact": "zzz"})

    assert response.status_code == 200
    assert listed(response) == []


def test_coordinator_inspects_an_offer_with_its_interests_and_duo(
    coordinator_client, current_edition
):
    offer = OfferFactory(title="Vendeur en boulangerie")
    InterestFactory(offer=offer, structure__name="Cap Emploi Rhône")
    DuoFactory(
        offer=offer,
        structure__name="ESAT Les Ateliers",
        person_first_name="Lucie",
        person_last_name="Moreau",
    )

    response = coordinator_client.get(reverse("offers_offer_modeladmin_inspect", args=[offer.pk]))

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert "Vendeur en boulangerie" in content
    assert offer.referent.email in content
    assert "Cap Emploi Rhône" in content
    assert "Lucie Moreau — ESAT Les Ateliers" in content
    assert "Concrétisée" in content


def test_offers_are_neither_created_edited_nor_deleted_in_the_admin(
    coordinator_client, current_edition
):
    offer = OfferFactory()

    create = coordinator_client.get(reverse("offers_offer_modeladmin_create"))
    edit = coordinator_client.get(reverse("offers_offer_modeladmin_edit", args=[offer.pk]))
    delete = coordinator_client.post(reverse("offers_offer_modeladmin_delete", args=[offer.pk]))

    assert_refused(create)
    assert_refused(edit)
    assert_refused(delete)
    assert Offer.objects.filter(pk=offer.pk).exists()


@pytest.mark.parametrize("model", ["interest", "duo"])
def test_interests_and_duos_are_neither_edited_nor_deleted_in_the_admin(
    coordinator_client, current_edition, model
):
    duo = DuoFactory()
    instance = duo if model == "duo" else duo.offer.interests.get()

    edit = coordinator_client.get(reverse(f"offers_{model}_modeladmin_edit", args=[instance.pk]))
    delete = coordinator_client.post(
        reverse(f"offers_{model}_modeladmin_delete", args=[instance.pk])
    )

    assert_refused(edit)
    assert_refused(delete)
    assert type(instance).objects.filter(pk=instance.pk).exists()


# Interests


def test_coordinator_filters_interests_by_edition(
    coordinator_client, current_edition, past_edition
):
    InterestFactory(offer__title="Offre de cette année")
    InterestFactory(offer__title="Offre d'autrefois", offer__edition=past_edition)

    response = coordinator_client.get(
        INTERESTS_URL, {"offer__edition__id__exact": current_edition.pk}
    )

    assert response.status_code == 200
    assert [interest.offer.title for interest in listed(response)] == ["Offre de cette année"]


def test_coordinator_searches_interests_by_support_structure(coordinator_client, current_edition):
    wanted = InterestFactory(structure__name="ESAT Les Ateliers")
    InterestFactory(structure__name="Cap Emploi Rhône")

    response = coordinator_client.get(INTERESTS_URL, {"q": "ateliers"})

    assert listed(response) == [wanted]


def test_coordinator_exports_interests_as_csv(coordinator_client, current_edition):
    interest = InterestFactory(
        offer__title="Vendeur en boulangerie", structure__name="ESAT Les Ateliers"
    )

    response = coordinator_client.get(INTERESTS_URL, {"export": "csv"})

    [row] = csv_rows(response)
    assert row["Offre"] == "Vendeur en boulangerie"
    assert row["Structure accompagnante"] == "ESAT Les Ateliers"
    assert row["Employeur"] == interest.offer.structure.name
    assert row["Édition"] == str(current_edition)


# Duos


def test_coordinator_lists_duos(coordinator_client, current_edition):
    DuoFactory(
        person_first_name="Lucie",
        person_last_name="Moreau",
        offer__title="Vendeur en boulangerie",
        structure__name="ESAT Les Ateliers",
    )

    response = coordinator_client.get(DUOS_URL)

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert "Lucie Moreau" in content
    assert "Vendeur en boulangerie" in content
    assert "ESAT Les Ateliers" in content
    assert "Actif" in content


@pytest.mark.parametrize("state, expected", [("active", "Moreau"), ("cancelled", "Garnier")])
def test_coordinator_filters_active_and_cancelled_duos(
    coordinator_client, current_edition, state, expected
):
    DuoFactory(person_last_name="Moreau")
    DuoFactory(person_last_name="Garnier", cancelled=True)

    response = coordinator_client.get(DUOS_URL, {"state": state})

    assert [duo.person_last_name for duo in listed(response)] == [expected]


def test_coordinator_filters_duos_by_edition(coordinator_client, current_edition, past_edition):
    DuoFactory(person_last_name="Moreau")
    DuoFactory(person_last_name="Garnier", offer__edition=past_edition)

    response = coordinator_client.get(DUOS_URL, {"offer__edition__id__exact": past_edition.pk})

    assert [duo.person_last_name for duo in listed(response)] == ["Garnier"]


@pytest.mark.parametrize(
    "search", ["moreau", "lucie moreau", "ateliers"], ids=["name", "full-name", "sa-name"]
)
def test_coordinator_searches_duos(coordinator_client, current_edition, search):
    wanted = DuoFactory(
        person_first_name="Lucie", person_last_name="Moreau", structure__name="ESAT Les Ateliers"
    )
    DuoFactory(
        person_first_name="Paul", person_last_name="Garnier", structure__name="Cap Emploi Rhône"
    )

    response = coordinator_client.get(DUOS_URL, {"q": search})

    assert listed(response) == [wanted]


def test_coordinator_exports_duos_as_xlsx(coordinator_client, current_edition):
    DuoFactory(person_first_name="Lucie", person_last_name="Moreau", structure__name="IME Soleil")
    DuoFactory(person_last_name="Garnier", cancelled=True)

    response = coordinator_client.get(DUOS_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert 'filename="duos.xlsx"' in response["Content-Disposition"]
    rows = {row["Nom de la personne"]: row for row in xlsx_rows(response)}
    assert rows["Moreau"]["Prénom de la personne"] == "Lucie"
    assert rows["Moreau"]["Structure accompagnante"] == "IME Soleil"
    assert rows["Moreau"]["État"] == "Actif"
    assert not rows["Moreau"]["Annulé le"]
    assert rows["Garnier"]["État"].startswith("Annulé le ")
    assert isinstance(rows["Garnier"]["Annulé le"], datetime.datetime)


def test_coordinator_inspects_a_duo(coordinator_client, current_edition):
    duo = DuoFactory(person_last_name="Moreau", offer__structure__name="Maison Dupain")

    response = coordinator_client.get(reverse("offers_duo_modeladmin_inspect", args=[duo.pk]))

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert "Moreau" in content
    assert "Maison Dupain" in content
    assert str(current_edition) in content


# Listings run a bounded number of queries


def make_editions(count):
    """`count` editions besides the current one: one upcoming, the others past."""
    upcoming_edition()
    EditionFactory.create_batch(count - 1)


def make_offers(count):
    postcodes = ["69003", "75011", "13001", "33000", "59000"]
    for number in range(count):
        offer = OfferFactory(postcode=postcodes[number % len(postcodes)])
        if number % 3 == 1:
            InterestFactory(offer=offer)


def make_interests(count):
    InterestFactory.create_batch(count)


def make_duos(count):
    DuoFactory.create_batch(count // 2)
    DuoFactory.create_batch(count - count // 2, cancelled=True)


@pytest.mark.parametrize("row_count", [5, 40])
@pytest.mark.parametrize(
    "url, make_rows",
    [
        (EDITIONS_URL, make_editions),
        (OFFERS_URL, make_offers),
        (INTERESTS_URL, make_interests),
        (DUOS_URL, make_duos),
    ],
    ids=["editions", "offers", "interests", "duos"],
)
def test_listings_run_a_bounded_number_of_queries(
    coordinator_client, django_assert_max_num_queries, current_edition, url, make_rows, row_count
):
    make_rows(row_count)
    # A first request fills the process-wide caches (permissions of the menu's listings).
    coordinator_client.get(url)

    # Session, user, permissions, menu, the filters' choices (editions, departments), three
    # counts and the page of rows.
    with django_assert_max_num_queries(18):
        response = coordinator_client.get(url)

    assert response.status_code == 200
    expected_rows = row_count + 1 if url == EDITIONS_URL else row_count  # + the current one
    assert len(listed(response)) == expected_rows


@pytest.mark.parametrize("row_count", [5, 40])
@pytest.mark.parametrize(
    "url, make_rows",
    [(OFFERS_URL, make_offers), (INTERESTS_URL, make_interests), (DUOS_URL, make_duos)],
    ids=["offers", "interests", "duos"],
)
def test_exports_run_a_bounded_number_of_queries(
    coordinator_client, django_assert_max_num_queries, current_edition, url, make_rows, row_count
):
    make_rows(row_count)
    coordinator_client.get(url)

    with django_assert_max_num_queries(15):
        rows = csv_rows(coordinator_client.get(url, {"export": "csv"}))

    assert len(rows) == row_count


# Editions: creation, corrections, « Rendre courante », past editions


def edition_form(year, **overrides):
    return {
        "year": year,
        "duoday_date": f"{year}-11-18",
        "registration_opens": f"{year}-09-01",
        "registration_closes": f"{year}-11-10",
        **overrides,
    }


def test_coordinator_lists_editions(coordinator_client, current_edition, past_edition):
    upcoming = upcoming_edition()
    OfferFactory.create_batch(2)

    response = coordinator_client.get(EDITIONS_URL)

    assert response.status_code == 200
    assert listed(response) == [upcoming, current_edition, past_edition]
    assert [edition.offer_count for edition in listed(response)] == [0, 2, 0]
    content = response.content.decode()
    for state in ("En cours", "À venir", "Passée"):
        assert state in content


def test_coordinator_gets_the_edition_form(coordinator_client, current_edition):
    response = coordinator_client.get(reverse("offers_edition_modeladmin_create"))

    assert response.status_code == 200
    assert set(response.context["form"].fields) == {
        "year",
        "duoday_date",
        "week_start",
        "week_end",
        "registration_opens",
        "registration_closes",
    }


def test_coordinator_creates_an_edition(coordinator_client, current_edition):
    year = timezone.localdate().year + 2

    response = coordinator_client.post(
        reverse("offers_edition_modeladmin_create"), edition_form(year)
    )

    assert response.status_code == 302
    assert response["Location"] == EDITIONS_URL
    edition = Edition.objects.get(year=year)
    assert edition.duoday_date == datetime.date(year, 11, 18)
    assert edition.registration_closes == datetime.date(year, 11, 10)
    assert not edition.is_current
    assert Edition.current() == current_edition


def test_an_edition_left_without_week_gets_the_week_of_its_duoday(
    coordinator_client, current_edition
):
    year = timezone.localdate().year + 2
    duoday = datetime.date(year, 11, 18)

    coordinator_client.post(reverse("offers_edition_modeladmin_create"), edition_form(year))

    edition = Edition.objects.get(year=year)
    assert edition.week_start == duoday - datetime.timedelta(days=duoday.weekday())
    assert edition.week_start.weekday() == 0
    assert edition.week_end == edition.week_start + datetime.timedelta(days=6)


@pytest.mark.parametrize(
    "week, field, message",
    [
        (
            {"week_start": "{year}-11-19", "week_end": "{year}-11-25"},
            "week_start",
            "La semaine DuoDay doit contenir la date du DuoDay",
        ),
        (
            {"week_start": "{year}-11-10", "week_end": "{year}-11-20"},
            "week_end",
            "La semaine DuoDay dure sept jours au plus.",
        ),
    ],
    ids=["duoday-outside", "too-long"],
)
def test_an_inconsistent_week_is_refused_in_french(
    coordinator_client, current_edition, week, field, message
):
    year = timezone.localdate().year + 2
    values = {name: value.format(year=year) for name, value in week.items()}

    response = coordinator_client.post(
        reverse("offers_edition_modeladmin_create"), edition_form(year, **values)
    )

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Edition.objects.filter(year=year).exists()


def test_the_first_edition_created_when_none_is_current_becomes_current(
    coordinator_client, past_edition
):
    year = timezone.localdate().year + 1

    response = coordinator_client.post(
        reverse("offers_edition_modeladmin_create"), edition_form(year)
    )

    assert response.status_code == 302
    assert Edition.current().year == year
    assert "c’est l’édition en cours" in " ".join(messages_of(response))


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"registration_opens": "{year}-10-01", "registration_closes": "{year}-09-15"},
            "registration_closes",
            "La clôture des inscriptions ne peut pas précéder leur ouverture.",
        ),
        (
            {"registration_closes": "{year}-11-25"},
            "registration_closes",
            "Les inscriptions doivent être closes au plus tard le jour du DuoDay.",
        ),
        (
            {"duoday_date": "{next_year}-01-15"},
            "duoday_date",
            "Le DuoDay de l’édition {year} doit avoir lieu en {year}.",
        ),
        (
            {"duoday_date": "2001-11-15"},
            "duoday_date",
            "La date du DuoDay ne peut pas être déjà passée.",
        ),
    ],
    ids=["closes-before-opens", "closes-after-duoday", "other-year", "past-duoday"],
)
def test_inconsistent_edition_dates_are_refused_in_french(
    coordinator_client, current_edition, overrides, field, message
):
    year = timezone.localdate().year + 2
    values = {
        name: value.format(year=year, next_year=year + 1) for name, value in overrides.items()
    }

    response = coordinator_client.post(
        reverse("offers_edition_modeladmin_create"), edition_form(year, **values)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message.format(year=year, next_year=year + 1)]
    assert not Edition.objects.filter(year=year).exists()


def test_a_year_has_one_edition_only(coordinator_client, current_edition):
    response = coordinator_client.post(
        reverse("offers_edition_modeladmin_create"), edition_form(current_edition.year)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["year"] == ["Une édition existe déjà pour cette année."]


def test_coordinator_corrects_an_upcoming_edition(coordinator_client, current_edition):
    year = current_edition.year

    response = coordinator_client.post(
        edition_url("edit", current_edition),
        edition_form(year, registration_closes=f"{year}-11-12"),
    )

    assert response.status_code == 302
    current_edition.refresh_from_db()
    assert current_edition.registration_closes == datetime.date(year, 11, 12)
    assert current_edition.is_current


def test_make_current_switches_the_current_edition(
    coordinator_client, current_edition, django_capture_on_commit_callbacks
):
    upcoming = upcoming_edition()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(edition_url("make_current", upcoming))

    assert response.status_code == 302
    assert response["Location"] == EDITIONS_URL
    assert list(Edition.objects.filter(is_current=True)) == [upcoming]
    assert f"« {upcoming} » est désormais l’édition en cours." in messages_of(response)


def test_make_current_page_names_the_edition_it_replaces(coordinator_client, current_edition):
    upcoming = upcoming_edition()

    response = coordinator_client.get(edition_url("make_current", upcoming))

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert f"« {upcoming} » deviendra l’édition en cours, à la place de « {current_edition} »" in (
        content
    )


def test_listing_offers_make_current_for_upcoming_editions_only(
    coordinator_client, current_edition, past_edition
):
    upcoming = upcoming_edition()

    content = coordinator_client.get(EDITIONS_URL).content.decode()

    assert edition_url("make_current", upcoming) in content
    assert edition_url("make_current", current_edition) not in content
    assert edition_url("make_current", past_edition) not in content


def test_a_past_edition_cannot_become_current(coordinator_client, current_edition, past_edition):
    response = coordinator_client.post(edition_url("make_current", past_edition))

    assert response.status_code == 302
    assert Edition.current() == current_edition
    assert any("est passée" in message for message in messages_of(response))


def test_making_the_current_edition_current_changes_nothing(coordinator_client, current_edition):
    response = coordinator_client.post(edition_url("make_current", current_edition))

    assert response.status_code == 302
    assert Edition.current() == current_edition
    assert f"« {current_edition} » est déjà l’édition en cours." in messages_of(response)


def test_a_past_edition_cannot_be_edited(coordinator_client, current_edition, past_edition):
    closes = past_edition.registration_closes

    form_page = coordinator_client.get(edition_url("edit", past_edition))
    response = coordinator_client.post(
        edition_url("edit", past_edition),
        edition_form(past_edition.year, registration_closes=f"{past_edition.year}-11-01"),
    )

    assert form_page.status_code == 302
    assert form_page["Location"] == edition_url("inspect", past_edition)
    assert response.status_code == 302
    past_edition.refresh_from_db()
    assert past_edition.registration_closes == closes
    assert f"L’édition « {past_edition} » est passée : elle n’est plus modifiable." in messages_of(
        response
    )


def test_listing_offers_no_edit_button_for_past_editions(
    coordinator_client, current_edition, past_edition
):
    content = coordinator_client.get(EDITIONS_URL).content.decode()

    assert edition_url("edit", current_edition) in content
    assert edition_url("edit", past_edition) not in content


def test_editions_are_not_deleted_in_the_admin(coordinator_client, past_edition):
    response = coordinator_client.post(edition_url("delete", past_edition))

    assert_refused(response)
    assert Edition.objects.filter(pk=past_edition.pk).exists()


def test_coordinator_exports_editions_as_csv(coordinator_client, current_edition):
    OfferFactory()

    response = coordinator_client.get(EDITIONS_URL, {"export": "csv"})

    assert response.status_code == 200
    [row] = csv_rows(response)
    assert row["Année"] == str(current_edition.year)
    assert row["Date du DuoDay"] == current_edition.duoday_date.strftime("%d/%m/%Y")
    assert row["État"] == "En cours"
    assert row["Offres"] == "1"


@pytest.mark.parametrize("method", ["get", "post"])
def test_editor_cannot_make_an_edition_current(editor_client, current_edition, method):
    upcoming = upcoming_edition()

    response = getattr(editor_client, method)(edition_url("make_current", upcoming))

    assert_refused(response)
    assert Edition.current() == current_edition


def test_editor_cannot_create_an_edition(editor_client, current_edition):
    year = timezone.localdate().year + 2

    response = editor_client.post(reverse("offers_edition_modeladmin_create"), edition_form(year))

    assert_refused(response)
    assert not Edition.objects.filter(year=year).exists()


# The dashboard panel


def panel_html(response):
    content = response.content.decode()
    start = content.index(f'id="{PANEL_ID}"')
    return unescape(content[start : content.index("</section>", start)])


def figures(html):
    """The panel's figures by name (the departments' apart)."""
    return {
        figure["data-figure"]: int(text_of(figure)) for figure in soup(html).select("[data-figure]")
    }


def departments(html):
    """[(department, number of offers)], as the panel lists them."""
    return [
        (text_of(count.find_previous_sibling("th")), int(text_of(count)))
        for count in soup(html).select("td[data-department]")
    ]


@pytest.fixture
def edition_activity(current_edition, past_edition):
    """Offers in every status in the Rhône (69) and Paris (75), duos, an SA pending."""
    lyon = StructureFactory(name="Maison Dupain", postcode="69003")
    paris = StructureFactory(name="Atelier Parisien", postcode="75011")
    support = StructureFactory(support=True, validated=True, postcode="69001")
    support_referent = ReferentFactory(structure=support)
    StructureFactory(support=True)

    def offer(employer, postcode, **kwargs):
        return OfferFactory(structure=employer, postcode=postcode, **kwargs)

    def duo(offer, **kwargs):
        return DuoFactory(offer=offer, structure=support, created_by=support_referent, **kwargs)

    offer(lyon, "69003")
    offer(paris, "75011")
    InterestFactory(offer=offer(lyon, "69003"), structure=support, user=support_referent)
    duo(offer(lyon, "69003"))
    duo(offer(lyon, "69003"))
    duo(offer(lyon, "69003"), cancelled=True)
    duo(offer(lyon, "13001", edition=past_edition))


def test_dashboard_shows_the_current_edition_figures(coordinator_client, edition_activity):
    response = coordinator_client.get(HOME_URL)

    assert response.status_code == 200
    html = panel_html(response)
    assert str(Edition.current()) in html
    assert figures(html) == {
        "offers-non_concretisee": 3,
        "offers-en_cours": 1,
        "offers-concretisee": 2,
        "offers": 6,
        "duos": 2,
        "employers": 2,
        "support_validated": 1,
        "support_pending": 1,
    }
    rhone = Department.objects.get(code="69")
    paris = Department.objects.get(code="75")
    assert departments(html) == [(str(rhone), 5), (str(paris), 1)]


def test_dashboard_links_to_the_filtered_listings(coordinator_client, edition_activity):
    edition = Edition.current()

    html = panel_html(coordinator_client.get(HOME_URL))

    assert f"{OFFERS_URL}?edition__id__exact={edition.pk}&status__exact=en_cours" in html
    assert f"{DUOS_URL}?offer__edition__id__exact={edition.pk}&state=active" in html
    assert f"{STRUCTURES_URL}?kind__exact=support&validation=pending" in html


def test_dashboard_without_a_current_edition(coordinator_client, past_edition):
    StructureFactory()

    html = panel_html(coordinator_client.get(HOME_URL))

    assert "Aucune édition n’est en cours." in html
    assert figures(html) == {"employers": 1, "support_validated": 0, "support_pending": 0}


def test_editors_do_not_see_the_dashboard_panel(editor_client, edition_activity):
    response = editor_client.get(HOME_URL)

    assert response.status_code == 200
    assert PANEL_ID not in response.content.decode()


def make_edition_activity(count):
    """`count` offers over several departments, a third with an interest, a third with a
    duo (one duo in four cancelled), and as many structures."""
    postcodes = ["69003", "75011", "13001", "33000", "59000", "31000", "44000"]
    for number in range(count):
        offer = OfferFactory(postcode=postcodes[number % len(postcodes)])
        if number % 3 == 1:
            InterestFactory(offer=offer)
        elif number % 3 == 2:
            DuoFactory(offer=offer, cancelled=number % 4 == 0)
    StructureFactory.create_batch(count // 4, support=True)


@pytest.mark.parametrize("offer_count", [6, 45])
def test_dashboard_panel_runs_a_fixed_number_of_queries(
    db, django_assert_num_queries, current_edition, offer_count
):
    make_edition_activity(offer_count)

    with django_assert_num_queries(5):
        CurrentEditionPanel().render_html({})


@pytest.mark.parametrize("offer_count", [6, 45])
def test_dashboard_runs_a_bounded_number_of_queries(
    coordinator_client, django_assert_max_num_queries, current_edition, offer_count
):
    make_edition_activity(offer_count)
    coordinator_client.get(HOME_URL)

    with django_assert_max_num_queries(30):
        response = coordinator_client.get(HOME_URL)

    assert response.status_code == 200
    assert figures(panel_html(response))["offers"] == offer_count


def test_coordinator_searches_editions_by_year(coordinator_client, current_edition, past_edition):
    response = coordinator_client.get(EDITIONS_URL, {"q": str(past_edition.year)})

    assert [str(edition) for edition in response.context["object_list"]] == [str(past_edition)]


def test_deleting_an_offer_referent_is_refused_with_a_message(client, offer):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.post(f"/admin/users/delete/{offer.referent.pk}/", follow=True)

    assert "est le référent d’offres" in text_of(response)
    assert User.objects.filter(pk=offer.referent.pk).exists()


# What the offers listing counts (issue 10: each COUNT(*) reads 300,000 offers)


def _counts(client, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        response = client.get(OFFERS_URL, params)
    assert response.status_code == 200
    counts = [q["sql"] for q in context.captured_queries if "COUNT(*)" in q["sql"]]
    return response, counts


def test_offers_listing_counts_its_offers_once(coordinator_client, current_edition):
    OfferFactory.create_batch(3)

    response, counts = _counts(coordinator_client, {})

    # « 3 sur 3 » and the paginator: one COUNT(*), not three.
    assert len(counts) == 1, counts
    assert response.context["all_count"] == response.context["result_count"] == 3
    assert response.context["paginator"].count == 3


@pytest.mark.parametrize(
    "params", [{"q": "boulangerie"}, {"modality__exact": Modality.REMOTE}], ids=["q", "filter"]
)
def test_searched_offers_listing_counts_the_whole_and_the_matches(
    coordinator_client, current_edition, params
):
    OfferFactory(title="Vendeur en boulangerie", modality=Modality.REMOTE)
    OfferFactory.create_batch(2, title="Comptable", modality=Modality.ON_SITE)

    response, counts = _counts(coordinator_client, params)

    assert len(counts) == 2, counts
    assert response.context["all_count"] == 3
    assert response.context["result_count"] == response.context["paginator"].count == 1
    assert [offer.title for offer in listed(response)] == ["Vendeur en boulangerie"]


def test_offers_department_filter_offers_every_department(coordinator_client, current_edition):
    OfferFactory(postcode="69003")

    content = unescape(coordinator_client.get(OFFERS_URL).content.decode())

    assert Department.objects.count() > 100
    assert all(department.name in content for department in Department.objects.all())
