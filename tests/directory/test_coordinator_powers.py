"""The coordinators' powers on the directory (issue 11 §1): refuse an SA's registration,
deactivate / reactivate a referent, erase an account on request (GDPR), each with a reason
e-mailed and kept in the history."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from directory import services
from directory.models import Invitation, PendingNotice, Structure, User
from tests.directory.helpers import field_errors, is_logged_in, login, page_text
from tests.directory.test_registration import register, support_data
from tests.factories import (
    DuoFactory,
    InvitationFactory,
    ModificationRequestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REASON = "Votre structure n'accompagne pas de personnes en situation de handicap."


def action_url(listing, action, pk):
    return reverse(f"directory_{listing}_modeladmin_{action}", args=[pk])


def refuse_url(structure):
    return action_url("structure", "refuse", structure.pk)


def referent_url(action, referent):
    return action_url("user", action, referent.pk)


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def assert_refused(response):
    """Wagtail's admin turns a PermissionDenied into a redirection to its dashboard."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def coordinator():
    return UserFactory(coordinator=True)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def pending_sa():
    structure = StructureFactory(support=True, name="IME Les Tilleuls")
    ReferentFactory(structure=structure, email="paul.roux@tilleuls.fr")
    ReferentFactory(structure=structure, email_confirmed_at=None, is_active=False)
    return structure


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action))


# Refusing an SA's registration: the service


def test_refusal_tells_each_referent_why(
    coordinator, pending_sa, mailoutbox, django_capture_on_commit_callbacks
):
    addresses = sorted(pending_sa.referents.values_list("email", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_support_registration(pending_sa, coordinator, REASON)

    assert sorted(message.to[0] for message in mailoutbox) == addresses
    assert all(REASON in message.body for message in mailoutbox)
    # Only the confirmed address reads the name a visitor typed.
    named = [message.to[0] for message in mailoutbox if "IME Les Tilleuls" in message.body]
    assert named == ["paul.roux@tilleuls.fr"]
    # The addresses waited for the task only.
    assert not PendingNotice.objects.exists()


def test_refusal_removes_the_structure_and_its_accounts(
    coordinator, pending_sa, django_capture_on_commit_callbacks
):
    InvitationFactory(structure=pending_sa, invited_by=pending_sa.referents.first())
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_support_registration(pending_sa, coordinator, REASON)

    assert not Structure.objects.filter(pk=pending_sa.pk).exists()
    assert not User.objects.filter(structure=pending_sa.pk).exists()
    assert not Invitation.objects.exists()


def test_refusal_stays_in_the_history_without_personal_data(
    coordinator, pending_sa, django_capture_on_commit_callbacks
):
    siret = pending_sa.siret
    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_support_registration(pending_sa, coordinator, REASON)

    [entry] = entries(services.REGISTRATION_REFUSED)
    assert entry.label == "IME Les Tilleuls"
    assert entry.user_id == coordinator.pk
    assert entry.data["reason"] == REASON
    assert entry.data["siret"] == siret
    assert "paul.roux@tilleuls.fr" not in str(entry.data)
    assert registry.get_action_label(entry.action) == "Inscription refusée"


def test_address_and_siret_register_again_after_a_refusal(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    data = support_data()
    register(client, data, django_capture_on_commit_callbacks)
    structure = Structure.objects.get(siret=data["siret"], kind="support")

    with django_capture_on_commit_callbacks(execute=True):
        services.refuse_support_registration(structure, coordinator, REASON)
    response = register(client, data, django_capture_on_commit_callbacks)

    assert "Inscription enregistrée" in page_text(response)
    again = Structure.objects.get(siret=data["siret"], kind="support")
    assert again.pk != structure.pk
    assert User.objects.get(email=data["email"]).structure == again


def test_a_validated_structure_cannot_be_refused(coordinator, mailoutbox):
    structure = StructureFactory(support=True, validated=True)
    ReferentFactory(structure=structure)

    with pytest.raises(services.DirectoryError, match="validée"):
        services.refuse_support_registration(structure, coordinator, REASON)

    assert Structure.objects.filter(pk=structure.pk).exists()
    assert not entries(services.REGISTRATION_REFUSED)
    assert mailoutbox == []


def test_an_employer_is_not_refused_this_way(coordinator):
    structure = StructureFactory(employer=True, validated_at=None)

    with pytest.raises(services.DirectoryError):
        services.refuse_support_registration(structure, coordinator, REASON)

    assert Structure.objects.filter(pk=structure.pk).exists()


def test_a_failed_refusal_leaves_everything(
    coordinator, pending_sa, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    def broken_delete(self, *args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Structure, "delete", broken_delete)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        services.refuse_support_registration(pending_sa, coordinator, REASON)

    assert pending_sa.referents.count() == 2
    assert not entries(services.REGISTRATION_REFUSED)
    assert not PendingNotice.objects.exists()
    assert mailoutbox == []


# Refusing: the admin view


def test_listing_offers_refusal_for_pending_support_structures_only(coordinator_client, pending_sa):
    validated = StructureFactory(support=True, validated=True)
    employer = StructureFactory(employer=True, validated_at=None)

    content = coordinator_client.get(
        reverse("directory_structure_modeladmin_index")
    ).content.decode()

    assert refuse_url(pending_sa) in content
    assert refuse_url(validated) not in content
    assert refuse_url(employer) not in content


def test_refusal_page_shows_the_structure_and_who_is_told(coordinator_client, pending_sa):
    response = coordinator_client.get(refuse_url(pending_sa))

    assert response.status_code == 200
    text = page_text(response)
    assert "IME Les Tilleuls" in text
    assert "paul.roux@tilleuls.fr" in text
    assert "Motif" in text


def test_coordinator_refuses_a_registration(
    coordinator_client, pending_sa, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(refuse_url(pending_sa), {"reason": REASON})

    assert response.status_code == 302
    assert response["Location"] == reverse("directory_structure_modeladmin_index")
    assert not Structure.objects.filter(pk=pending_sa.pk).exists()
    assert len(mailoutbox) == 2
    assert any("refusée" in message for message in messages_of(response))


def test_refusal_from_the_structures_page_goes_back_to_the_listing(
    coordinator_client, pending_sa, django_capture_on_commit_callbacks
):
    inspect_url = reverse("directory_structure_modeladmin_inspect", args=[pending_sa.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            refuse_url(pending_sa), {"reason": REASON, "next": inspect_url}
        )

    assert response["Location"] == reverse("directory_structure_modeladmin_index")


def test_refusal_without_a_reason_says_so_next_to_the_field(
    coordinator_client, pending_sa, mailoutbox
):
    response = coordinator_client.post(refuse_url(pending_sa), {"reason": "   "})

    assert response.status_code == 200
    assert "Indiquez le motif : il est envoyé par e-mail." in page_text(response)
    assert Structure.objects.filter(pk=pending_sa.pk).exists()
    assert mailoutbox == []


def test_refusing_a_validated_structure_changes_nothing(coordinator_client, mailoutbox):
    structure = StructureFactory(support=True, validated=True)

    response = coordinator_client.post(refuse_url(structure), {"reason": REASON})

    assert response.status_code == 302
    assert Structure.objects.filter(pk=structure.pk).exists()
    assert mailoutbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_editor_cannot_refuse(client, pending_sa, method):
    client.force_login(UserFactory(editor=True))

    assert_refused(getattr(client, method)(refuse_url(pending_sa), {"reason": REASON}))
    assert Structure.objects.filter(pk=pending_sa.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_referents_cannot_refuse(client, pending_sa, method):
    client.force_login(ReferentFactory(structure=StructureFactory(support=True, validated=True)))

    response = getattr(client, method)(refuse_url(pending_sa), {"reason": REASON})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert Structure.objects.filter(pk=pending_sa.pk).exists()


def test_anonymous_visitor_cannot_refuse(client, pending_sa):
    response = client.post(refuse_url(pending_sa), {"reason": REASON})

    assert response["Location"].startswith("/admin/login/")
    assert Structure.objects.filter(pk=pending_sa.pk).exists()


@pytest.mark.parametrize("action", ["refuse"])
def test_unknown_structure_is_not_found(coordinator_client, action):
    assert coordinator_client.get(action_url("structure", action, 987654)).status_code == 404
    assert coordinator_client.get(action_url("structure", action, "abc")).status_code == 404


@pytest.mark.parametrize("referent_count", [1, 12])
def test_refusal_page_runs_a_bounded_number_of_queries(
    coordinator_client, django_assert_max_num_queries, referent_count
):
    structure = StructureFactory(support=True)
    ReferentFactory.create_batch(referent_count, structure=structure)
    coordinator_client.get(refuse_url(structure))

    with django_assert_max_num_queries(12):
        response = coordinator_client.get(refuse_url(structure))

    assert response.status_code == 200


@pytest.mark.parametrize("referent_count", [1, 12])
def test_refusal_runs_a_bounded_number_of_queries(
    coordinator_client,
    django_assert_max_num_queries,
    referent_count,
    django_capture_on_commit_callbacks,
):
    structure = StructureFactory(support=True)
    ReferentFactory.create_batch(referent_count, structure=structure)
    coordinator_client.get(refuse_url(structure))

    # Constant: the deletion clears each table that refers to an account or a structure.
    with django_assert_max_num_queries(60):
        coordinator_client.post(refuse_url(structure), {"reason": REASON})

    assert not Structure.objects.filter(pk=structure.pk).exists()


# Deactivating and reactivating a referent


@pytest.fixture
def employer_pair():
    structure = StructureFactory(name="Boulangerie Duval")
    first = ReferentFactory(structure=structure, email="anne@duval.fr")
    second = ReferentFactory(structure=structure)
    return first, second


def test_coordinator_deactivates_a_referent_whose_offers_pass_on(
    coordinator_client, employer_pair, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = employer_pair
    offer = OfferFactory(structure=first.structure, referent=first)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(referent_url("deactivate", first), {"reason": REASON})

    assert response.status_code == 302
    first.refresh_from_db()
    offer.refresh_from_db()
    assert not first.is_active
    assert offer.referent == second
    [message] = mailoutbox
    assert message.to == ["anne@duval.fr"]
    assert REASON in message.body
    [entry] = entries(services.REFERENT_DEACTIVATED)
    assert entry.object_id == str(first.pk)
    assert entry.data == {"reason": REASON}


def test_the_last_active_referent_is_not_deactivated(coordinator_client, mailoutbox):
    referent = ReferentFactory()

    page = coordinator_client.get(referent_url("deactivate", referent))
    response = coordinator_client.post(referent_url("deactivate", referent), {"reason": REASON})

    assert page.status_code == 302
    assert "Impossible de désactiver le dernier référent actif de la structure." in messages_of(
        page
    )
    assert response.status_code == 302
    referent.refresh_from_db()
    assert referent.is_active
    assert not entries(services.REFERENT_DEACTIVATED)
    assert mailoutbox == []


def test_deactivation_without_a_reason_says_so(coordinator_client, employer_pair):
    first, _second = employer_pair

    response = coordinator_client.post(referent_url("deactivate", first), {"reason": ""})

    assert response.status_code == 200
    assert "Indiquez le motif : il est envoyé par e-mail." in page_text(response)
    assert field_errors(response, "id_reason") or "error" in response.content.decode()
    first.refresh_from_db()
    assert first.is_active


def test_coordinator_reactivates_a_referent(
    coordinator_client, employer_pair, mailoutbox, django_capture_on_commit_callbacks
):
    first, _second = employer_pair
    first.is_active = False
    first.save()

    listing = coordinator_client.get(reverse("directory_user_modeladmin_index")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            referent_url("reactivate", first), {"reason": "Erreur de notre part."}
        )

    assert referent_url("reactivate", first) in listing
    first.refresh_from_db()
    assert first.is_active
    [message] = mailoutbox
    assert message.to == ["anne@duval.fr"]
    assert "Erreur de notre part." in message.body
    [entry] = entries(services.REFERENT_REACTIVATED)
    assert entry.user_id is not None


def test_an_unconfirmed_registrant_is_not_reactivated(coordinator):
    referent = ReferentFactory(email_confirmed_at=None, is_active=False)

    with pytest.raises(services.DirectoryError, match="confirmé"):
        services.reactivate_referent(referent, coordinator, REASON)

    referent.refresh_from_db()
    assert not referent.is_active


def test_an_active_referent_is_not_reactivated(coordinator_client, employer_pair, mailoutbox):
    first, _second = employer_pair

    response = coordinator_client.post(referent_url("reactivate", first), {"reason": REASON})

    assert response.status_code == 302
    assert mailoutbox == []
    assert not entries(services.REFERENT_REACTIVATED)


# Erasing an account (GDPR)


def test_erasure_anonymises_the_person_and_keeps_the_structures_objects(
    client, coordinator, employer_pair, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = employer_pair
    first.phone = "06 12 34 56 78"
    first.job_title = "Gérante"
    first.save()
    login(client, "anne@duval.fr")
    assert is_logged_in(client)
    offer = OfferFactory(structure=first.structure, referent=first)
    duo = DuoFactory(offer=OfferFactory(structure=first.structure, referent=second))
    InvitationFactory(structure=first.structure, email="anne@duval.fr", accepted_at=duo.created_at)
    modification = ModificationRequestFactory(structure=first.structure, author=first)

    with django_capture_on_commit_callbacks(execute=True):
        services.erase_account(first, coordinator, "Demande du 2 décembre")

    first.refresh_from_db()
    assert first.erased_at is not None
    assert "duval" not in first.email
    assert first.email.endswith("@compte-efface.invalid")
    assert (first.first_name, first.phone, first.job_title) == ("", "", "")
    assert first.last_name == "Compte effacé"
    assert not first.has_usable_password()
    assert not first.is_active
    assert not first.groups.exists()
    offer.refresh_from_db()
    assert offer.referent == second
    duo.refresh_from_db()
    modification.refresh_from_db()
    assert modification.author == first
    assert not Invitation.objects.filter(email="anne@duval.fr").exists()
    # The session the person had no longer logs anyone in.
    response = client.get("/espace/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")
    # The person is told at the old address; nothing keeps it afterwards.
    [message] = mailoutbox
    assert message.to == ["anne@duval.fr"]
    assert "Demande du 2 décembre" in message.body
    assert not PendingNotice.objects.exists()
    [entry] = entries(services.ACCOUNT_ERASED)
    assert entry.label == "Compte effacé"
    assert not ModelLogEntry.objects.filter(label__icontains="duval").exists()


def test_erased_address_registers_again(
    client, coordinator, employer_pair, django_capture_on_commit_callbacks
):
    first, _second = employer_pair
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_account(first, coordinator, REASON)

    response = register(
        client, support_data(email="anne@duval.fr"), django_capture_on_commit_callbacks
    )

    assert "Inscription enregistrée" in page_text(response)
    assert User.objects.get(email="anne@duval.fr").pk != first.pk


def test_the_last_active_referent_with_offers_is_not_erased(coordinator, mailoutbox):
    referent = ReferentFactory()
    OfferFactory(structure=referent.structure, referent=referent)

    with pytest.raises(services.DirectoryError, match="dernier référent actif"):
        services.erase_account(referent, coordinator, REASON)

    referent.refresh_from_db()
    assert referent.erased_at is None
    assert referent.is_active


def test_the_last_referent_of_a_structure_without_offers_is_erased(
    coordinator, django_capture_on_commit_callbacks
):
    referent = ReferentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.erase_account(referent, coordinator, REASON)

    referent.refresh_from_db()
    assert referent.erased_at is not None


def test_a_staff_account_is_not_erased(coordinator):
    staff = UserFactory(editor=True, structure=StructureFactory())

    with pytest.raises(services.DirectoryError):
        services.erase_account(staff, coordinator, REASON)

    staff.refresh_from_db()
    assert staff.erased_at is None


def test_an_erased_account_is_not_reactivated(
    coordinator, employer_pair, django_capture_on_commit_callbacks
):
    first, _second = employer_pair
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_account(first, coordinator, REASON)

    with pytest.raises(services.DirectoryError):
        services.reactivate_referent(first, coordinator, REASON)


def test_erasure_page_says_it_is_irreversible(coordinator_client, employer_pair):
    first, _second = employer_pair

    response = coordinator_client.get(referent_url("erase", first))

    assert response.status_code == 200
    assert "Cette action est irréversible." in page_text(response)


def test_coordinator_erases_an_account(
    coordinator_client, employer_pair, mailoutbox, django_capture_on_commit_callbacks
):
    first, _second = employer_pair

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(referent_url("erase", first), {"reason": REASON})

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.erased_at is not None
    assert len(mailoutbox) == 1


def test_erasure_page_tells_what_to_do_for_the_last_referent_with_offers(coordinator_client):
    referent = ReferentFactory()
    OfferFactory(structure=referent.structure, referent=referent)

    response = coordinator_client.get(referent_url("erase", referent))

    assert response.status_code == 302
    [message] = messages_of(response)
    assert "réactivez d’abord un autre référent" in message


def test_erasure_without_a_reason_says_so(coordinator_client, employer_pair):
    first, _second = employer_pair

    response = coordinator_client.post(referent_url("erase", first), {"reason": ""})

    assert response.status_code == 200
    assert "Indiquez le motif : il est envoyé par e-mail." in page_text(response)
    first.refresh_from_db()
    assert first.erased_at is None


# Referent actions: who may, which objects, how many queries


@pytest.mark.parametrize("action", ["deactivate", "reactivate", "erase"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_editor_cannot_act_on_referents(client, employer_pair, action, method):
    first, _second = employer_pair
    client.force_login(UserFactory(editor=True))

    assert_refused(getattr(client, method)(referent_url(action, first), {"reason": REASON}))
    first.refresh_from_db()
    assert first.is_active and first.erased_at is None


@pytest.mark.parametrize("action", ["deactivate", "reactivate", "erase"])
def test_referents_and_visitors_cannot_act_on_referents(client, employer_pair, action):
    first, second = employer_pair
    anonymous = client.post(referent_url(action, first), {"reason": REASON})
    client.force_login(second)
    colleague = client.post(referent_url(action, first), {"reason": REASON})

    for response in (anonymous, colleague):
        assert response["Location"].startswith("/admin/login/")
    first.refresh_from_db()
    assert first.is_active and first.erased_at is None


@pytest.mark.parametrize("action", ["deactivate", "reactivate", "erase"])
def test_unknown_or_staff_account_is_not_found(coordinator_client, coordinator, action):
    assert coordinator_client.get(action_url("user", action, 987654)).status_code == 404
    assert coordinator_client.get(action_url("user", action, "abc")).status_code == 404
    staff = UserFactory(editor=True)
    assert (
        coordinator_client.post(referent_url(action, staff), {"reason": REASON}).status_code == 404
    )


@pytest.mark.parametrize("action", ["deactivate", "erase"])
@pytest.mark.parametrize("offer_count", [1, 12])
def test_referent_action_pages_run_a_bounded_number_of_queries(
    coordinator_client, employer_pair, django_assert_max_num_queries, action, offer_count
):
    first, _second = employer_pair
    OfferFactory.create_batch(offer_count, structure=first.structure, referent=first)
    coordinator_client.get(referent_url(action, first))

    with django_assert_max_num_queries(15):
        response = coordinator_client.get(referent_url(action, first))

    assert response.status_code == 200


@pytest.mark.parametrize("action", ["deactivate", "erase"])
@pytest.mark.parametrize("offer_count", [1, 12])
def test_referent_actions_run_a_bounded_number_of_queries(
    coordinator_client,
    employer_pair,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
    action,
    offer_count,
):
    first, _second = employer_pair
    OfferFactory.create_batch(offer_count, structure=first.structure, referent=first)

    with django_assert_max_num_queries(35), django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(referent_url(action, first), {"reason": REASON})

    assert response.status_code == 302
    assert first.structure.offers.filter(referent=first).count() == 0


@pytest.mark.parametrize("referent_count", [3, 30])
def test_referents_listing_with_actions_runs_a_bounded_number_of_queries(
    coordinator_client, django_assert_max_num_queries, referent_count
):
    ReferentFactory.create_batch(referent_count)
    coordinator_client.get(reverse("directory_user_modeladmin_index"))

    with django_assert_max_num_queries(15):
        response = coordinator_client.get(reverse("directory_user_modeladmin_index"))

    assert len(response.context["object_list"]) == referent_count


def test_history_shows_the_actions_in_french(
    coordinator_client, employer_pair, django_capture_on_commit_callbacks
):
    first, _second = employer_pair
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(referent_url("deactivate", first), {"reason": REASON})

    response = coordinator_client.get(referent_url("history", first))

    assert response.status_code == 200
    assert "Référent désactivé" in page_text(response)


def test_a_refusal_is_read_in_the_admin_log_after_the_structure_is_gone(
    coordinator_client, pending_sa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(refuse_url(pending_sa), {"reason": REASON})

    response = coordinator_client.get(reverse("wagtailadmin_reports:site_history"))

    assert response.status_code == 200
    text = page_text(response)
    assert "Inscription refusée" in text
    assert "IME Les Tilleuls" in text


def test_an_erased_account_leaves_the_structures_referents_list(
    client, coordinator, employer_pair, django_capture_on_commit_callbacks
):
    first, second = employer_pair
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_account(first, coordinator, REASON)
    client.force_login(second)

    response = client.get(reverse("directory:account"))

    assert response.status_code == 200
    assert "Compte effacé" not in page_text(response)
    assert "compte-efface.invalid" not in page_text(response)
