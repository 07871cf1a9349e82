"""The coordinators' admin (« DuoDay » menu): listings, exports, validation, processing."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from directory.enums import StructureKind, StructureType
from directory.models import ModificationRequest, Structure
from tests.factories import (
    InvitationFactory,
    ModificationRequestFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

STRUCTURES_URL = reverse("directory_structure_modeladmin_index")
REFERENTS_URL = reverse("directory_user_modeladmin_index")
INVITATIONS_URL = reverse("directory_invitation_modeladmin_index")
MODIFICATIONS_URL = reverse("directory_modificationrequest_modeladmin_index")


def validate_url(structure):
    return reverse("directory_structure_modeladmin_validate", args=[structure.pk])


def process_url(modification):
    return reverse("directory_modificationrequest_modeladmin_process", args=[modification.pk])


def assert_refused(response):
    """Wagtail's admin turns a PermissionDenied into a redirection to its dashboard."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def coordinator_client(client, db):
    client.force_login(UserFactory(coordinator=True))
    return client


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(editor=True))
    return client


# Structures: listing, search, filters, export


def test_coordinator_sees_the_duoday_menu(coordinator_client):
    response = coordinator_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert STRUCTURES_URL in response.content.decode()


def test_editor_sees_no_duoday_menu(editor_client):
    response = editor_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert STRUCTURES_URL not in response.content.decode()


def test_coordinator_lists_structures(coordinator_client):
    StructureFactory(name="ESAT Les Ateliers", support=True, validated=True)
    StructureFactory(name="Boulangerie Duval")

    response = coordinator_client.get(STRUCTURES_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert "ESAT Les Ateliers" in content
    assert "Boulangerie Duval" in content
    assert "Entreprise privée" in content


def test_coordinator_searches_structures_by_name(coordinator_client):
    StructureFactory(name="ESAT Les Ateliers", support=True, validated=True)
    StructureFactory(name="Boulangerie Duval")

    response = coordinator_client.get(STRUCTURES_URL, {"q": "ateliers"})

    assert response.status_code == 200
    assert list(response.context["object_list"]) == [
        Structure.objects.get(name="ESAT Les Ateliers")
    ]


def test_coordinator_searches_structures_by_siret(coordinator_client):
    wanted = StructureFactory()
    StructureFactory()

    response = coordinator_client.get(STRUCTURES_URL, {"q": wanted.siret})

    assert list(response.context["object_list"]) == [wanted]


def test_coordinator_filters_structures_awaiting_validation(coordinator_client):
    StructureFactory(name="IME Les Tilleuls", support=True)
    StructureFactory(name="Cap Emploi Paris", support=True, validated=True)

    response = coordinator_client.get(STRUCTURES_URL, {"validation": "pending"})

    assert response.status_code == 200
    assert [structure.name for structure in response.context["object_list"]] == ["IME Les Tilleuls"]
    assert "En attente de validation" in response.content.decode()


def test_coordinator_filters_structures_by_kind(coordinator_client):
    StructureFactory(name="Cap Emploi Paris", support=True, validated=True)
    StructureFactory(name="Boulangerie Duval")

    response = coordinator_client.get(STRUCTURES_URL, {"kind__exact": StructureKind.EMPLOYER})

    assert [structure.name for structure in response.context["object_list"]] == [
        "Boulangerie Duval"
    ]


def test_coordinator_filters_structures_by_department(coordinator_client):
    lyon = StructureFactory(name="Mission locale de Lyon", postcode="69001").department
    StructureFactory(name="Cap Emploi Paris", support=True, validated=True)

    response = coordinator_client.get(STRUCTURES_URL, {"department__id__exact": lyon.pk})

    assert [structure.name for structure in response.context["object_list"]] == [
        "Mission locale de Lyon"
    ]


@pytest.mark.parametrize("structure_count", [5, 40])
def test_structures_listing_runs_a_bounded_number_of_queries(
    coordinator_client, django_assert_max_num_queries, structure_count
):
    StructureFactory.create_batch(structure_count // 2)
    StructureFactory.create_batch(structure_count - structure_count // 2, support=True)
    # A first request fills the process-wide caches (permissions of the menu's listings).
    coordinator_client.get(STRUCTURES_URL)

    with django_assert_max_num_queries(15):
        response = coordinator_client.get(STRUCTURES_URL)

    assert response.status_code == 200
    assert len(response.context["object_list"]) == structure_count


def make_referents(count):
    ReferentFactory.create_batch(count)


def make_invitations(count):
    InvitationFactory.create_batch(count)


def make_modification_requests(count):
    ModificationRequestFactory.create_batch(count)


@pytest.mark.parametrize("structure_count", [5, 40])
@pytest.mark.parametrize(
    "url, make_rows",
    [
        (REFERENTS_URL, make_referents),
        (INVITATIONS_URL, make_invitations),
        (MODIFICATIONS_URL, make_modification_requests),
    ],
    ids=["referents", "invitations", "modification-requests"],
)
def test_other_listings_run_a_bounded_number_of_queries(
    coordinator_client, django_assert_max_num_queries, url, make_rows, structure_count
):
    make_rows(structure_count)
    coordinator_client.get(url)

    with django_assert_max_num_queries(15):
        response = coordinator_client.get(url)

    assert len(response.context["object_list"]) == structure_count


def test_coordinator_exports_structures_as_csv(coordinator_client):
    StructureFactory(name="IME Les Tilleuls", support=True)
    StructureFactory(name="Boulangerie Duval")

    response = coordinator_client.get(STRUCTURES_URL, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="structures.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["Raison sociale"] for row in rows} == {"IME Les Tilleuls", "Boulangerie Duval"}
    tilleuls = next(row for row in rows if row["Raison sociale"] == "IME Les Tilleuls")
    assert tilleuls["Catégorie"] == "Structure accompagnante"
    assert tilleuls["Validation"] == "En attente de validation"
    assert tilleuls["Validée le"] == ""


def test_csv_export_keeps_a_formula_like_name_as_text(coordinator_client):
    StructureFactory(name='=HYPERLINK("https://exemple.invalid","Cliquez")')

    response = coordinator_client.get(STRUCTURES_URL, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["Raison sociale"] == '\'=HYPERLINK("https://exemple.invalid","Cliquez")'


def test_structures_export_follows_the_listing_filters(coordinator_client):
    StructureFactory(name="IME Les Tilleuls", support=True)
    StructureFactory(name="Cap Emploi Paris", support=True, validated=True)

    response = coordinator_client.get(STRUCTURES_URL, {"export": "csv", "validation": "pending"})

    content = b"".join(response.streaming_content).decode()
    assert "IME Les Tilleuls" in content
    assert "Cap Emploi Paris" not in content


def test_coordinator_exports_structures_as_xlsx(coordinator_client):
    StructureFactory(name="Cap Emploi Paris", support=True, validated=True)

    response = coordinator_client.get(STRUCTURES_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = workbook.active.iter_rows(values_only=True)
    assert header[0] == "Raison sociale"
    assert [row[0] for row in rows] == ["Cap Emploi Paris"]
    assert isinstance(rows[0][header.index("Inscrite le")], datetime.datetime)


def test_editor_cannot_list_structures(editor_client):
    StructureFactory()

    response = editor_client.get(STRUCTURES_URL)

    assert_refused(response)


def test_editor_cannot_export_structures(editor_client):
    StructureFactory()

    response = editor_client.get(STRUCTURES_URL, {"export": "csv"})

    assert_refused(response)


def test_coordinator_inspects_a_structure_and_its_referents(coordinator_client):
    referent = ReferentFactory(structure=StructureFactory(support=True), last_name="Roux")

    response = coordinator_client.get(
        reverse("directory_structure_modeladmin_inspect", args=[referent.structure.pk])
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert referent.email in content
    assert validate_url(referent.structure) in content


# Structures: « Valider »


def test_listing_offers_validation_for_pending_support_structures_only(coordinator_client):
    pending = StructureFactory(support=True)
    validated = StructureFactory(support=True, validated=True)
    employer = StructureFactory()

    content = coordinator_client.get(STRUCTURES_URL).content.decode()

    assert validate_url(pending) in content
    assert validate_url(validated) not in content
    assert validate_url(employer) not in content


def test_validation_page_shows_the_structure(coordinator_client):
    referent = ReferentFactory(structure=StructureFactory(name="IME Les Tilleuls", support=True))

    response = coordinator_client.get(validate_url(referent.structure))

    assert response.status_code == 200
    content = response.content.decode()
    assert "IME Les Tilleuls" in content
    assert referent.email in content
    assert referent.structure.siret in content


def test_coordinator_validates_a_pending_support_structure(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    referent = ReferentFactory(structure=StructureFactory(support=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(validate_url(referent.structure))

    assert response.status_code == 302
    assert response["Location"] == STRUCTURES_URL
    referent.structure.refresh_from_db()
    assert referent.structure.validated_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [referent.email]
    assert "Structure validée" in messages_of(response)


def test_validation_goes_back_to_the_page_it_came_from(
    coordinator_client, django_capture_on_commit_callbacks
):
    structure = StructureFactory(support=True)
    inspect_url = reverse("directory_structure_modeladmin_inspect", args=[structure.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(validate_url(structure), {"next": inspect_url})

    assert response["Location"] == inspect_url


def test_validation_never_goes_back_to_another_site(
    coordinator_client, django_capture_on_commit_callbacks
):
    structure = StructureFactory(support=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            validate_url(structure), {"next": "https://exemple.com/"}
        )

    assert response["Location"] == STRUCTURES_URL


def test_validating_a_validated_structure_changes_nothing(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    validated_at = timezone.now() - datetime.timedelta(days=3)
    structure = StructureFactory(support=True, validated_at=validated_at)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(validate_url(structure))

    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.validated_at == validated_at
    assert mailoutbox == []


def test_coordinator_validates_a_pending_employer_whose_referents_are_told(
    coordinator_client, mailoutbox, django_capture_on_commit_callbacks
):
    referent = ReferentFactory(structure=StructureFactory(employer=True, validated_at=None))

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(validate_url(referent.structure))

    assert response.status_code == 302
    referent.structure.refresh_from_db()
    assert referent.structure.validated_at is not None
    assert [message.to for message in mailoutbox] == [[referent.email]]
    assert "« Annuaire des SA »" in mailoutbox[0].body


@pytest.mark.parametrize("method", ["get", "post"])
def test_editor_cannot_validate_a_structure(editor_client, mailoutbox, method):
    structure = StructureFactory(support=True)

    response = getattr(editor_client, method)(validate_url(structure))

    assert_refused(response)
    structure.refresh_from_db()
    assert structure.validated_at is None
    assert mailoutbox == []


def test_anonymous_visitor_cannot_validate_a_structure(client, db):
    structure = StructureFactory(support=True)

    response = client.post(validate_url(structure))

    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.validated_at is None


# Structures: editing


def test_coordinator_corrects_a_structure(coordinator_client):
    structure = StructureFactory(name="Ancien nom", support=True, validated=True)
    department = structure.department

    response = coordinator_client.post(
        reverse("directory_structure_modeladmin_edit", args=[structure.pk]),
        {
            "name": "Nouveau nom",
            "siret": structure.siret,
            "structure_type": StructureType.IME,
            "address": "2 rue de la Paix",
            "postcode": "75002",
            "commune": "Paris",
            "department": department.pk,
            "served_departments": [department.pk],
            "phone": "",
            "email": "",
        },
    )

    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.name == "Nouveau nom"
    assert structure.kind == StructureKind.SUPPORT


def test_an_employer_cannot_get_a_support_structure_type(coordinator_client):
    employer = StructureFactory()

    response = coordinator_client.get(
        reverse("directory_structure_modeladmin_edit", args=[employer.pk])
    )

    form = response.context["form"]
    assert StructureType.ESAT not in dict(form.fields["structure_type"].choices)
    assert "served_departments" not in form.fields


def test_structures_are_neither_created_nor_deleted_in_the_admin(coordinator_client):
    structure = StructureFactory()

    create = coordinator_client.get(reverse("directory_structure_modeladmin_create"))
    delete = coordinator_client.post(
        reverse("directory_structure_modeladmin_delete", args=[structure.pk])
    )

    assert_refused(create)
    assert_refused(delete)
    assert Structure.objects.filter(pk=structure.pk).exists()


# Referents


def test_coordinator_lists_referents_not_staff(coordinator_client):
    ReferentFactory(first_name="Nadia", last_name="Haddad")
    UserFactory(editor=True, first_name="Éloïse", last_name="Rédactrice")

    response = coordinator_client.get(REFERENTS_URL)

    assert response.status_code == 200
    assert response.context["view"].get_page_title() == "Référents"
    content = response.content.decode()
    assert "Nadia Haddad" in content
    assert "Rédactrice" not in content


def test_coordinator_filters_referents_by_structure_kind(coordinator_client):
    ReferentFactory(last_name="Haddad", structure=StructureFactory(support=True, validated=True))
    ReferentFactory(last_name="Duval")

    response = coordinator_client.get(
        REFERENTS_URL, {"structure__kind__exact": StructureKind.EMPLOYER}
    )

    assert [user.last_name for user in response.context["object_list"]] == ["Duval"]


def test_coordinator_searches_referents_by_structure_name(coordinator_client):
    ReferentFactory(
        last_name="Haddad",
        structure=StructureFactory(name="ESAT Les Ateliers", support=True, validated=True),
    )
    ReferentFactory(last_name="Petit")

    response = coordinator_client.get(REFERENTS_URL, {"q": "ateliers"})

    assert [user.last_name for user in response.context["object_list"]] == ["Haddad"]


def test_coordinator_exports_referents_as_csv(coordinator_client):
    referent = ReferentFactory(last_name="Haddad", is_active=False)

    response = coordinator_client.get(REFERENTS_URL, {"export": "csv"})

    assert response.status_code == 200
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Adresse e-mail"] == referent.email
    assert row["Structure"] == referent.structure.name
    assert row["Actif"] == "Non"


def test_coordinator_inspects_a_referent(coordinator_client):
    referent = ReferentFactory(job_title="Conseillère")

    response = coordinator_client.get(
        reverse("directory_user_modeladmin_inspect", args=[referent.pk])
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Conseillère" in content
    assert "Oui" in content


# Invitations


def test_coordinator_filters_invitations_by_state(coordinator_client):
    structure = StructureFactory()
    now = timezone.now()
    InvitationFactory(structure=structure, email="attente@exemple.fr")
    InvitationFactory(structure=structure, email="acceptee@exemple.fr", accepted_at=now)
    InvitationFactory(structure=structure, email="revoquee@exemple.fr", revoked_at=now)
    InvitationFactory(
        structure=structure,
        email="expiree@exemple.fr",
        created_at=now - datetime.timedelta(days=10),
        expires_at=now - datetime.timedelta(days=3),
    )

    emails_by_state = {
        state: [
            invitation.email
            for invitation in coordinator_client.get(INVITATIONS_URL, {"state": state}).context[
                "object_list"
            ]
        ]
        for state in ("pending", "accepted", "revoked", "expired")
    }

    assert emails_by_state == {
        "pending": ["attente@exemple.fr"],
        "accepted": ["acceptee@exemple.fr"],
        "revoked": ["revoquee@exemple.fr"],
        "expired": ["expiree@exemple.fr"],
    }


def test_coordinator_exports_invitations_with_their_state(coordinator_client):
    InvitationFactory(structure=StructureFactory(name="Cap Emploi Paris"))

    response = coordinator_client.get(INVITATIONS_URL, {"export": "csv"})

    assert response.status_code == 200
    [row] = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert row["Structure"] == "Cap Emploi Paris"
    assert row["État"] == "En attente"


# Modification requests


@pytest.fixture
def modification(db):
    return ModificationRequestFactory(
        structure=StructureFactory(name="Boulangerie Duval"),
        message="Notre raison sociale a changé : « Boulangerie Duval & Fils ».",
    )


def test_coordinator_lists_and_filters_modification_requests(coordinator_client, modification):
    ModificationRequestFactory(
        structure=StructureFactory(name="Cap Emploi Paris"),
        status=ModificationRequest.Status.PROCESSED,
    )

    listing = coordinator_client.get(MODIFICATIONS_URL)
    pending = coordinator_client.get(MODIFICATIONS_URL, {"status__exact": "pending"})

    assert listing.status_code == 200
    assert "Boulangerie Duval" in listing.content.decode()
    assert process_url(modification) in listing.content.decode()
    assert list(pending.context["object_list"]) == [modification]


def test_coordinator_exports_modification_requests_as_xlsx(coordinator_client, modification):
    response = coordinator_client.get(MODIFICATIONS_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, row = workbook.active.iter_rows(values_only=True)
    assert row[header.index("Structure")] == "Boulangerie Duval"
    assert row[header.index("État")] == "En attente"


def test_processing_page_shows_the_request(coordinator_client, modification):
    response = coordinator_client.get(process_url(modification))

    assert response.status_code == 200
    assert "Boulangerie Duval &amp; Fils" in response.content.decode()


def test_coordinator_marks_a_modification_request_processed(
    coordinator_client, modification, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            process_url(modification), {"response": "C'est fait, la fiche est à jour."}
        )

    assert response.status_code == 302
    assert response["Location"] == MODIFICATIONS_URL
    modification.refresh_from_db()
    assert modification.status == ModificationRequest.Status.PROCESSED
    assert modification.response == "C'est fait, la fiche est à jour."
    assert modification.processed_by is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [modification.author.email]
    assert "C'est fait, la fiche est à jour." in mailoutbox[0].body


def test_a_response_is_optional_when_processing(
    coordinator_client, modification, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(process_url(modification), {"response": ""})

    modification.refresh_from_db()
    assert modification.status == ModificationRequest.Status.PROCESSED
    assert len(mailoutbox) == 1


def test_a_processed_request_is_not_processed_again(
    coordinator_client, modification, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(process_url(modification), {"response": "Première réponse"})
        response = coordinator_client.post(process_url(modification), {"response": "Seconde"})

    assert response.status_code == 302
    modification.refresh_from_db()
    assert modification.response == "Première réponse"
    assert len(mailoutbox) == 1


def test_editor_cannot_process_a_modification_request(editor_client, modification, mailoutbox):
    response = editor_client.post(process_url(modification), {"response": "Non."})

    assert_refused(response)
    modification.refresh_from_db()
    assert modification.status == ModificationRequest.Status.PENDING
    assert mailoutbox == []


# Only what a listing declares applies; each view of an object checks the permission


def test_an_undeclared_lookup_is_never_applied(coordinator_client):
    referent = ReferentFactory()
    ReferentFactory()

    response = coordinator_client.get(
        REFERENTS_URL, {"password__startswith": referent.password[:8], "export": "csv"}
    )

    assert response.status_code == 302
    assert response["Location"] == REFERENTS_URL
    assert "Les filtres ou la recherche demandés ne sont pas valides" in messages_of(response)[0]


def test_an_invitation_token_cannot_be_guessed_through_the_listing(coordinator_client):
    InvitationFactory()

    response = coordinator_client.get(INVITATIONS_URL, {"token__startswith": "a"})

    assert response.status_code == 302
    assert response["Location"] == INVITATIONS_URL


@pytest.mark.parametrize(
    "params",
    [
        {"zzz": "1"},
        {"status": "zzz"},
        {"structure__referents__password__regex": "^a"},
        {"is_active__exact": "zzz"},
        {"q": "ateliers\x00"},
        {"structure__kind__exact": "employer\x00"},
    ],
    ids=["unknown-field", "undeclared-field", "through-a-relation", "bad-value", "nul-q", "nul"],
)
def test_a_malformed_query_string_brings_back_the_whole_listing(coordinator_client, params):
    ReferentFactory()

    response = coordinator_client.get(REFERENTS_URL, params)

    assert response.status_code == 302
    assert response["Location"] == REFERENTS_URL


def test_the_declared_filters_and_search_still_apply_together(coordinator_client):
    wanted = StructureFactory(name="IME Les Tilleuls", support=True)
    StructureFactory(name="IME Les Ormes", support=True, validated=True)
    StructureFactory(name="Boulangerie Les Tilleuls")

    response = coordinator_client.get(
        STRUCTURES_URL,
        {"q": "tilleuls", "kind__exact": StructureKind.SUPPORT, "validation": "pending", "o": "0"},
    )

    assert list(response.context["object_list"]) == [wanted]


def test_a_pasted_page_of_text_is_searched_by_its_first_words(coordinator_client):
    wanted = StructureFactory(name="IME Les Tilleuls")

    response = coordinator_client.get(STRUCTURES_URL, {"q": "tilleuls " + "mot " * 5000})

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    response = coordinator_client.get(STRUCTURES_URL, {"q": "tilleuls " * 5000})
    assert list(response.context["object_list"]) == [wanted]


@pytest.mark.parametrize("action", ["inspect", "history", "edit", "validate"])
def test_a_malformed_id_is_not_found(coordinator_client, action):
    response = coordinator_client.get(
        reverse(f"directory_structure_modeladmin_{action}", args=["abc"])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("action", ["inspect", "history"])
def test_a_staff_account_is_not_a_referent(coordinator_client, action):
    editor = UserFactory(editor=True)

    response = coordinator_client.get(
        reverse(f"directory_user_modeladmin_{action}", args=[editor.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    "name, make_object",
    [
        ("directory_structure", lambda: StructureFactory()),
        ("directory_user", lambda: ReferentFactory()),
        ("directory_invitation", lambda: InvitationFactory()),
        ("directory_modificationrequest", lambda: ModificationRequestFactory()),
    ],
    ids=["structure", "referent", "invitation", "modification-request"],
)
def test_editor_cannot_read_the_history_of_directory_objects(editor_client, name, make_object):
    instance = make_object()

    response = editor_client.get(reverse(f"{name}_modeladmin_history", args=[instance.pk]))

    assert_refused(response)


def test_editor_is_refused_before_any_lookup(editor_client):
    """An unknown id gets the same answer as a known one: no guessing which ids exist."""
    response = editor_client.get(reverse("directory_user_modeladmin_history", args=[999999]))

    assert_refused(response)


def test_coordinator_reads_the_history_of_a_structure(coordinator_client):
    structure = StructureFactory(name="Boulangerie Duval")

    response = coordinator_client.get(
        reverse("directory_structure_modeladmin_history", args=[structure.pk])
    )

    assert response.status_code == 200
    assert "Boulangerie Duval" in response.content.decode()


def test_xlsx_export_keeps_a_formula_like_name_as_text(coordinator_client):
    StructureFactory(name='=HYPERLINK("https://exemple.invalid","Cliquez")')

    response = coordinator_client.get(STRUCTURES_URL, {"export": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = workbook.active.iter_rows(values_only=True)
    assert rows[0][0] == '\'=HYPERLINK("https://exemple.invalid","Cliquez")'


def test_csv_export_keeps_a_formula_like_related_name_as_text(coordinator_client):
    ReferentFactory(structure=StructureFactory(name="@SUM(1+1)*cmd|' /C calc'!A0"))

    response = coordinator_client.get(REFERENTS_URL, {"export": "csv"})

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["Structure"] == "'@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", ["9" * 30, "abc", "-1"])
def test_an_impossible_served_department_is_refused_next_to_the_field(coordinator_client, value):
    structure = StructureFactory(support=True, validated=True, name="Cap Emploi Paris")
    url = reverse("directory_structure_modeladmin_edit", args=[structure.pk])
    post = {
        "name": "Nouveau nom",
        "siret": structure.siret,
        "structure_type": structure.structure_type,
        "address": structure.address,
        "postcode": structure.postcode,
        "commune": structure.commune,
        "department": structure.department.pk,
        "served_departments": [value],
        "phone": structure.phone,
        "email": structure.email,
    }

    response = coordinator_client.post(url, post)

    assert response.status_code == 200
    assert response.context["form"].errors["served_departments"]
    structure.refresh_from_db()
    assert structure.name == "Cap Emploi Paris"
