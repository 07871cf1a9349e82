"""The coordination's powers on duos and offers (« DuoDay » admin), each with a reason typed
by the coordinator, e-mailed to the people concerned and kept in the history:
« Annuler le duo » (the duo stays, cancelled) and « Supprimer l’offre » for a « Concrétisée »
offer (it goes with its duo; the history entry is on the employer structure)."""

import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory.models import Structure
from offers import workflow
from offers.enums import OfferStatus
from offers.models import Duo, Interest, Offer
from tests.factories import DuoFactory, InterestFactory, OfferFactory, ReferentFactory, UserFactory

pytestmark = pytest.mark.django_db

REASON = "L’employeur a appelé : la personne a trouvé un emploi."
EMPLOYER = "camille.martin@dupain.fr"
ATELIERS = "sacha.bernard@ateliers.fr"
ATELIERS_2 = "lou.garnier@ateliers.fr"
CAP_EMPLOI = "dominique.petit@capemploi69.fr"
TITLE = "« Vendeur en boulangerie »"
HOME_URL = reverse("wagtailadmin_home")
DUOS_URL = reverse("offers_duo_modeladmin_index")
OFFERS_URL = reverse("offers_offer_modeladmin_index")


@pytest.fixture
def coordinator(db):
    return UserFactory(coordinator=True)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def duo(offer, support_referent, other_support_referent):
    """The duo of « ESAT Les Ateliers » (two active referents) on the employer's offer, in
    which « Cap Emploi Rhône » was interested too."""
    ReferentFactory(structure=support_referent.structure, email=ATELIERS_2)
    workflow.declare_interest(offer, other_support_referent.structure, other_support_referent)
    return workflow.form_duo(offer, support_referent.structure, support_referent, "Léa", "Durand")


def log_in(client, role, employer, support_referent):
    """`client` as one who is no coordinator: an editor, a referent of either side, or a
    visitor."""
    user = {
        "editor": UserFactory(editor=True),
        "employer": employer,
        "support": support_referent,
        "visitor": None,
    }[role]
    if user is not None:
        client.force_login(user)


def sent(mailoutbox):
    assert all(len(message.to) == 1 for message in mailoutbox)
    return sorted((message.to[0], message.subject) for message in mailoutbox)


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def cancel_url(duo):
    return reverse("offers_duo_modeladmin_cancel", args=[duo.pk])


def delete_url(offer):
    return reverse("offers_offer_modeladmin_delete_filled", args=[offer.pk])


def history_url(name, instance):
    return reverse(f"{name}_modeladmin_history", args=[instance.pk])


def reason_errors(response):
    """The error messages Wagtail shows right next to the « Motif » field."""
    content = response.content.decode()
    match = re.search(r'id="id_reason-error"[^>]*>(.*?)</', content, re.S) or re.search(
        r'class="error-message"[^>]*>(.*?)</', content, re.S
    )
    return [unescape(match.group(1)).strip()] if match else []


# --- Workflow: cancel a duo -----------------------------------------------------------------


def test_coordination_cancels_the_duo_which_stays_cancelled(duo, offer, coordinator):
    workflow.cancel_duo_by_coordination(duo, coordinator, REASON)

    duo.refresh_from_db()
    offer.refresh_from_db()
    assert duo.cancelled_at is not None
    assert offer.status == OfferStatus.IN_PROGRESS
    assert Interest.objects.filter(offer=offer).count() == 2


def test_cancelling_a_duo_emails_both_parties_with_the_reason(
    duo, coordinator, run_on_commit, mailoutbox
):
    run_on_commit(workflow.cancel_duo_by_coordination, duo, coordinator, REASON)

    cancelled = f"[DuoDay] Le duo pour {TITLE} est annulé"
    assert sent(mailoutbox) == [
        (EMPLOYER, cancelled),
        (CAP_EMPLOI, f"[DuoDay] L'offre {TITLE} est de nouveau disponible"),
        (ATELIERS_2, cancelled),
        (ATELIERS, cancelled),
    ]
    for message in mailoutbox:
        if message.to[0] == CAP_EMPLOI:
            assert REASON not in message.body
        else:
            assert f"Motif : {REASON}" in message.body
            assert "La coordination DuoDay a annulé le duo" in message.body


def test_cancelling_a_duo_is_kept_in_its_history(duo, coordinator):
    workflow.cancel_duo_by_coordination(duo, coordinator, REASON)

    [entry] = ModelLogEntry.objects.for_instance(duo)
    assert entry.action == "offers.duo_cancelled_by_coordination"
    assert entry.user == coordinator
    assert entry.message == f"Duo annulé par la coordination. Motif : {REASON}"
    assert entry.comment == REASON


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancelling_a_duo_without_a_reason_is_refused(duo, coordinator, reason):
    with pytest.raises(workflow.InvalidTransition, match="Indiquez le motif"):
        workflow.cancel_duo_by_coordination(duo, coordinator, reason)

    duo.refresh_from_db()
    assert duo.cancelled_at is None


def test_a_duo_already_cancelled_is_not_cancelled_again(
    duo, coordinator, run_on_commit, mailoutbox
):
    workflow.cancel_duo(duo, duo.structure)
    duo.refresh_from_db()
    cancelled_at = duo.cancelled_at

    with pytest.raises(workflow.InvalidTransition, match="Ce duo est déjà annulé."):
        run_on_commit(workflow.cancel_duo_by_coordination, duo, coordinator, REASON)

    duo.refresh_from_db()
    assert duo.cancelled_at == cancelled_at
    assert mailoutbox == []
    assert not ModelLogEntry.objects.for_instance(duo).exists()


def test_a_duo_of_a_past_edition_is_not_cancelled(past_edition, coordinator):
    duo = DuoFactory(offer=OfferFactory(edition=past_edition))

    with pytest.raises(workflow.InvalidTransition, match="Cette édition est passée"):
        workflow.cancel_duo_by_coordination(duo, coordinator, REASON)

    duo.refresh_from_db()
    assert duo.cancelled_at is None


# --- Workflow: delete a « Concrétisée » offer --------------------------------------------


def test_coordination_deletes_a_filled_offer_with_its_duo_and_interests(duo, offer, coordinator):
    workflow.delete_offer_by_coordination(offer, coordinator, REASON)

    assert not Offer.objects.filter(pk=offer.pk).exists()
    assert not Duo.objects.filter(pk=duo.pk).exists()
    assert not Interest.objects.filter(offer_id=offer.pk).exists()
    assert Structure.objects.filter(pk=offer.structure_id).exists()


def test_deleting_a_filled_offer_emails_its_referent_and_every_sa_with_the_reason(
    duo, offer, coordinator, run_on_commit, mailoutbox
):
    run_on_commit(workflow.delete_offer_by_coordination, offer, coordinator, REASON)

    deleted = f"[DuoDay] L'offre {TITLE} a été supprimée"
    assert sent(mailoutbox) == [
        (EMPLOYER, deleted),
        (CAP_EMPLOI, deleted),
        (ATELIERS_2, deleted),
        (ATELIERS, deleted),
    ]
    assert all(f"Motif : {REASON}" in message.body for message in mailoutbox)


def test_deleting_a_filled_offer_is_kept_in_the_employer_history(duo, offer, coordinator):
    structure = offer.structure

    workflow.delete_offer_by_coordination(offer, coordinator, REASON)

    [entry] = ModelLogEntry.objects.for_instance(structure)
    assert entry.action == "offers.offer_deleted_by_coordination"
    assert entry.user == coordinator
    assert entry.message == (
        f"Offre « Vendeur en boulangerie » ({offer.edition}) supprimée par la coordination. "
        f"Motif : {REASON}"
    )
    assert entry.comment == REASON
    assert entry.data["duo_support"] == "ESAT Les Ateliers"


@pytest.mark.parametrize("status", [OfferStatus.OPEN, OfferStatus.IN_PROGRESS])
def test_an_offer_not_concretisee_is_left_to_its_employer(
    offer, coordinator, status, run_on_commit, mailoutbox
):
    Offer.objects.filter(pk=offer.pk).update(status=status)

    with pytest.raises(workflow.InvalidTransition, match="n’est pas « Concrétisée »"):
        run_on_commit(workflow.delete_offer_by_coordination, offer, coordinator, REASON)

    assert Offer.objects.filter(pk=offer.pk).exists()
    assert mailoutbox == []
    assert not ModelLogEntry.objects.for_instance(offer.structure).exists()


def test_deleting_an_offer_without_a_reason_is_refused(duo, offer, coordinator):
    with pytest.raises(workflow.InvalidTransition, match="Indiquez le motif"):
        workflow.delete_offer_by_coordination(offer, coordinator, " ")

    assert Offer.objects.filter(pk=offer.pk).exists()


# --- Admin: « Annuler le duo » ----------------------------------------------------------


def test_the_duos_listing_offers_to_cancel_active_duos_only(coordinator_client, duo):
    cancelled = DuoFactory(cancelled=True)

    content = coordinator_client.get(DUOS_URL).content.decode()

    assert cancel_url(duo) in content
    assert cancel_url(cancelled) not in content
    assert "Annuler le duo" in content


def test_coordinator_gets_the_cancel_page_with_the_reason_field(coordinator_client, duo):
    response = coordinator_client.get(cancel_url(duo))

    assert response.status_code == 200
    content = unescape(response.content.decode())
    assert "Léa Durand" in content
    assert "ESAT Les Ateliers" in content
    assert 'name="reason"' in content
    assert "Motif" in content


def test_coordinator_cancels_a_duo_with_a_reason(
    coordinator_client, duo, offer, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            cancel_url(duo), {"reason": REASON, "next": f"{DUOS_URL}?state=active"}
        )

    assert response.status_code == 302
    assert response["Location"] == f"{DUOS_URL}?state=active"
    duo.refresh_from_db()
    offer.refresh_from_db()
    assert duo.cancelled_at is not None
    assert offer.status == OfferStatus.IN_PROGRESS
    assert any(
        "Duo de Léa Durand pour « Vendeur en boulangerie » annulé" in message
        for message in messages_of(response)
    )
    assert len(mailoutbox) == 4
    history = coordinator_client.get(history_url("offers_duo", duo))
    content = unescape(history.content.decode())
    assert "Duo annulé par la coordination" in content
    assert REASON in content


def test_cancelling_without_a_reason_shows_a_french_error_next_to_the_field(
    coordinator_client, duo, mailoutbox
):
    response = coordinator_client.post(cancel_url(duo), {"reason": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Indiquez le motif : il est envoyé par e-mail aux personnes concernées."
    ]
    assert "Indiquez le motif : il est envoyé par e-mail aux personnes concernées." in (
        reason_errors(response)
    )
    duo.refresh_from_db()
    assert duo.cancelled_at is None
    assert mailoutbox == []


def test_a_reason_typed_is_kept_when_the_form_comes_back(coordinator_client, duo):
    response = coordinator_client.post(cancel_url(duo), {"reason": "x" * 2001})

    assert response.status_code == 200
    assert "x" * 2001 in response.content.decode()
    duo.refresh_from_db()
    assert duo.cancelled_at is None


def test_an_already_cancelled_duo_is_told_and_left_alone(coordinator_client, mailoutbox):
    duo = DuoFactory(cancelled=True)
    cancelled_at = duo.cancelled_at

    page = coordinator_client.get(cancel_url(duo))
    response = coordinator_client.post(cancel_url(duo), {"reason": REASON})

    assert page.status_code == 302
    assert response.status_code == 302
    assert response["Location"] == DUOS_URL
    assert "Ce duo est déjà annulé." in messages_of(response)
    duo.refresh_from_db()
    assert duo.cancelled_at == cancelled_at
    assert mailoutbox == []


def test_an_unknown_duo_is_not_found(coordinator_client, current_edition):
    assert (
        coordinator_client.get(reverse("offers_duo_modeladmin_cancel", args=[999999])).status_code
        == 404
    )
    assert (
        coordinator_client.post(
            reverse("offers_duo_modeladmin_cancel", args=[999999]), {"reason": REASON}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["editor", "employer", "support", "visitor"])
def test_only_coordinators_cancel_a_duo(client, duo, employer, support_referent, role):
    log_in(client, role, employer, support_referent)

    page = client.get(cancel_url(duo))
    response = client.post(cancel_url(duo), {"reason": REASON})

    for answer in (page, response):
        assert answer.status_code == 302
        if role == "editor":
            assert answer["Location"] == HOME_URL
        else:
            assert answer["Location"].startswith("/admin/login/")
    duo.refresh_from_db()
    assert duo.cancelled_at is None


# --- Admin: « Supprimer l’offre » -------------------------------------------------------


def test_the_offers_listing_offers_to_delete_filled_offers_only(
    coordinator_client, duo, current_edition, past_edition
):
    open_offer = OfferFactory()
    past_filled = DuoFactory(offer=OfferFactory(edition=past_edition)).offer

    content = coordinator_client.get(OFFERS_URL).content.decode()

    assert delete_url(duo.offer) in content
    assert delete_url(open_offer) not in content
    assert delete_url(past_filled) not in content


def test_coordinator_deletes_a_filled_offer_with_a_reason(
    coordinator_client, duo, offer, django_capture_on_commit_callbacks, mailoutbox
):
    structure = offer.structure
    inspect = reverse("offers_offer_modeladmin_inspect", args=[offer.pk])

    page = coordinator_client.get(delete_url(offer))
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(delete_url(offer), {"reason": REASON, "next": inspect})

    assert page.status_code == 200
    assert "Léa Durand" in unescape(page.content.decode())
    assert response.status_code == 302
    # The offer's own page is gone: back to the listing.
    assert response["Location"] == OFFERS_URL
    assert not Offer.objects.filter(pk=offer.pk).exists()
    assert not Duo.objects.filter(pk=duo.pk).exists()
    assert len(mailoutbox) == 4
    history = coordinator_client.get(history_url("directory_structure", structure))
    content = unescape(history.content.decode())
    assert "Offre « Vendeur en boulangerie »" in content
    assert "supprimée par la coordination" in content
    assert REASON in content


def test_deleting_without_a_reason_shows_a_french_error(coordinator_client, duo, offer):
    response = coordinator_client.post(delete_url(offer), {"reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == [
        "Indiquez le motif : il est envoyé par e-mail aux personnes concernées."
    ]
    assert Offer.objects.filter(pk=offer.pk).exists()


def test_an_offer_not_concretisee_is_not_deleted_by_the_coordination(
    coordinator_client, offer, mailoutbox
):
    response = coordinator_client.post(delete_url(offer), {"reason": REASON})

    assert response.status_code == 302
    assert (
        "Cette offre n’est pas « Concrétisée » : son employeur peut la supprimer lui-même "
        "depuis son espace."
    ) in messages_of(response)
    assert Offer.objects.filter(pk=offer.pk).exists()
    assert mailoutbox == []


def test_an_unknown_offer_is_not_found(coordinator_client, current_edition):
    assert (
        coordinator_client.post(delete_url(Offer(pk=999999)), {"reason": REASON}).status_code == 404
    )


@pytest.mark.parametrize("role", ["editor", "employer", "support", "visitor"])
def test_only_coordinators_delete_a_filled_offer(
    client, duo, offer, employer, support_referent, role
):
    log_in(client, role, employer, support_referent)

    response = client.post(delete_url(offer), {"reason": REASON})

    assert response.status_code == 302
    assert Offer.objects.filter(pk=offer.pk).exists()


# --- Bounded queries -----------------------------------------------------------------------

CANCEL_PAGE_QUERIES = 12
CANCEL_QUERIES = 22
DELETE_PAGE_QUERIES = 14
# The deletion's cascade selects the interests and duos to send their post_delete signals
# (the visitors' page cache is purged on them: portal/page_cache.py), and the content types
# may be looked up once (a cache shared by the test run).
DELETE_QUERIES = 30


def crowd(offer, count):
    """`count` more SAs interested in the offer, each with two referents."""
    for _number in range(count):
        interest = InterestFactory(offer=offer)
        ReferentFactory(structure=interest.structure)
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.FILLED)


@pytest.mark.parametrize("count", [2, 20])
def test_the_cancel_page_and_action_run_a_bounded_number_of_queries(
    coordinator_client, duo, offer, count, django_assert_max_num_queries
):
    crowd(offer, count)
    coordinator_client.get(DUOS_URL)  # warm the site and settings

    with django_assert_max_num_queries(CANCEL_PAGE_QUERIES):
        assert coordinator_client.get(cancel_url(duo)).status_code == 200
    with django_assert_max_num_queries(CANCEL_QUERIES):
        assert coordinator_client.post(cancel_url(duo), {"reason": REASON}).status_code == 302


@pytest.mark.parametrize("count", [2, 20])
def test_the_delete_page_and_action_run_a_bounded_number_of_queries(
    coordinator_client, duo, offer, count, django_assert_max_num_queries
):
    crowd(offer, count)
    coordinator_client.get(OFFERS_URL)

    with django_assert_max_num_queries(DELETE_PAGE_QUERIES):
        assert coordinator_client.get(delete_url(offer)).status_code == 200
    with django_assert_max_num_queries(DELETE_QUERIES):
        assert coordinator_client.post(delete_url(offer), {"reason": REASON}).status_code == 302
