"""The SA's screens: « Je suis intéressé(e) », « Retirer mon intérêt », « Constituer le duo »,
« Mes duos » with its cancel and delete links; and what the employer's offer page shows of
the interested SAs."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from offers import workflow
from offers.enums import OfferStatus
from offers.models import Duo, Interest, Offer
from tests.factories import DuoFactory, InterestFactory, OfferFactory, ReferentFactory
from tests.html_text import text_of
from tests.offers.helpers import field_errors, offer_url

pytestmark = pytest.mark.django_db

MY_DUOS_URL = reverse("offers:my_duos")


@pytest.fixture
def logged_in(client, support_referent):
    client.force_login(support_referent)
    return client


def status_of(offer):
    return Offer.objects.get(pk=offer.pk).status


# The offer page, for an SA


def test_offer_page_offers_je_suis_interesse_and_constituer_le_duo(logged_in, offer):
    response = logged_in.get(offer_url("detail", offer))

    assertContains(response, f'href="{offer_url("declare_interest", offer)}"')
    assertContains(response, f'href="{offer_url("form_duo", offer)}"')
    page = text_of(response)
    assert "Je suis intéressé(e)" in page
    assert "Constituer le duo" in page


def test_offer_page_gives_the_sa_the_offer_referents_contact(logged_in, offer, employer):
    page = text_of(logged_in.get(offer_url("detail", offer)))

    assert "Camille Martin" in page
    assert "camille.martin@dupain.fr" in page
    assert "06 11 22 33 44" in page


def test_offer_page_offers_retirer_mon_interet_once_interested(logged_in, offer, support_referent):
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)

    response = logged_in.get(offer_url("detail", offer))

    assertContains(response, f'href="{offer_url("withdraw_interest", offer)}"')
    assertNotContains(response, f'href="{offer_url("declare_interest", offer)}"')


def test_offer_page_of_the_sas_duo_offers_cancel_and_delete(logged_in, offer, support_referent):
    duo = DuoFactory(offer=offer, structure=support_referent.structure)

    response = logged_in.get(offer_url("detail", offer))

    assertContains(response, f'href="{reverse("offers:cancel_duo", args=[duo.pk])}"')
    assertContains(response, f'href="{offer_url("delete", offer)}"')
    assertNotContains(response, f'href="{offer_url("form_duo", offer)}"')


# « Je suis intéressé(e) »


def test_interest_form_has_an_optional_message(logged_in, offer):
    response = logged_in.get(offer_url("declare_interest", offer))

    assert "Message à l'employeur (facultatif)" in text_of(response)


def test_declaring_interest_with_a_message_records_it(logged_in, offer, support_referent):
    response = logged_in.post(
        offer_url("declare_interest", offer), {"message": "Nous avons une candidate."}
    )

    assertRedirects(response, offer_url("detail", offer))
    interest = Interest.objects.get(offer=offer)
    assert (interest.structure, interest.user, interest.message) == (
        support_referent.structure,
        support_referent,
        "Nous avons une candidate.",
    )


def test_declaring_interest_without_a_message_is_accepted(logged_in, offer):
    logged_in.post(offer_url("declare_interest", offer), {"message": ""})

    assert Interest.objects.filter(offer=offer, message="").exists()


def test_declaring_interest_puts_the_offer_en_cours(logged_in, offer):
    logged_in.post(offer_url("declare_interest", offer), {"message": ""})

    assert status_of(offer) == OfferStatus.IN_PROGRESS


def test_declaring_interest_confirms_it_to_the_sa(logged_in, offer):
    response = logged_in.post(offer_url("declare_interest", offer), {"message": ""}, follow=True)

    assert "Votre intérêt est enregistré" in text_of(response)


def test_declaring_interest_emails_the_employer(
    logged_in, offer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(offer_url("declare_interest", offer), {"message": "Bonjour !"})

    [message] = mailoutbox
    assert message.to == ["camille.martin@dupain.fr"]
    assert "ESAT Les Ateliers" in message.body
    assert "Bonjour !" in message.body


def test_declaring_interest_twice_shows_the_refusal(logged_in, offer, support_referent):
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)

    response = logged_in.post(offer_url("declare_interest", offer), {"message": ""}, follow=True)

    assert "Vous avez déjà déclaré votre intérêt pour cette offre." in text_of(response)
    assert Interest.objects.filter(offer=offer).count() == 1


def test_message_over_2000_characters_is_refused_in_french_and_nothing_is_saved(
    logged_in, offer, mailoutbox, django_capture_on_commit_callbacks
):
    message = "Nous avons une candidate. " + "x" * 1975  # 2001 characters

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(offer_url("declare_interest", offer), {"message": message})

    assert response.status_code == 200
    assert field_errors(response, "id_message") == [
        "Assurez-vous que cette valeur comporte au plus 2000 caractères (actuellement 2001)."
    ]
    assertContains(response, message)  # kept in the field, to be shortened
    assert not Interest.objects.exists()
    assert status_of(offer) == OfferStatus.OPEN
    assert mailoutbox == []


def test_message_of_2000_characters_is_accepted(logged_in, offer):
    message = "x" * 2000

    response = logged_in.post(offer_url("declare_interest", offer), {"message": message})

    assertRedirects(response, offer_url("detail", offer))
    assert Interest.objects.get(offer=offer).message == message


# « Retirer mon intérêt »


def test_withdraw_page_asks_for_confirmation_and_withdraws_nothing(
    logged_in, offer, support_referent
):
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)

    response = logged_in.get(offer_url("withdraw_interest", offer))

    assert "Retirer mon intérêt" in text_of(response)
    assert Interest.objects.filter(offer=offer).exists()


def test_withdrawing_the_last_interest_returns_the_offer_to_non_concretisee(
    logged_in, offer, support_referent
):
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)

    response = logged_in.post(offer_url("withdraw_interest", offer))

    assertRedirects(response, offer_url("detail", offer))
    assert not Interest.objects.filter(offer=offer).exists()
    assert status_of(offer) == OfferStatus.OPEN


def test_withdrawing_one_of_two_interests_keeps_the_offer_en_cours(
    logged_in, offer, support_referent
):
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)
    InterestFactory(offer=offer)

    logged_in.post(offer_url("withdraw_interest", offer))

    assert status_of(offer) == OfferStatus.IN_PROGRESS


# « Constituer le duo »


def test_duo_form_asks_for_the_persons_first_and_last_name(logged_in, offer):
    page = text_of(logged_in.get(offer_url("form_duo", offer)))

    assert "Prénom de la personne" in page
    assert "Nom de la personne" in page


def test_forming_the_duo_makes_the_offer_concretisee(logged_in, offer, support_referent):
    response = logged_in.post(
        offer_url("form_duo", offer),
        {"person_first_name": "Léa", "person_last_name": "Durand"},
    )

    assertRedirects(response, offer_url("detail", offer))
    duo = Duo.objects.get(offer=offer)
    assert (duo.structure, duo.created_by, duo.person_name) == (
        support_referent.structure,
        support_referent,
        "Léa Durand",
    )
    assert status_of(offer) == OfferStatus.FILLED


def test_forming_the_duo_emails_the_employer_and_the_other_interested_sas(
    logged_in, offer, mailoutbox, django_capture_on_commit_callbacks
):
    other_interest = InterestFactory(offer=offer)

    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(
            offer_url("form_duo", offer),
            {"person_first_name": "Léa", "person_last_name": "Durand"},
        )

    assert [message.to for message in mailoutbox] == [
        ["camille.martin@dupain.fr"],
        [other_interest.user.email],
    ]


@pytest.mark.parametrize("field", ["person_first_name", "person_last_name"])
def test_duo_form_requires_both_names(logged_in, offer, field):
    names = {"person_first_name": "Léa", "person_last_name": "Durand", field: ""}

    response = logged_in.post(offer_url("form_duo", offer), names)

    assert field_errors(response, f"id_{field}") == ["Champ requis."]
    assert not Duo.objects.exists()
    assert status_of(offer) == OfferStatus.OPEN


def test_duo_form_keeps_the_typed_name_when_refused(logged_in, offer):
    response = logged_in.post(
        offer_url("form_duo", offer), {"person_first_name": "Léa", "person_last_name": ""}
    )

    assertContains(response, 'value="Léa"')


# « Mes duos »


def test_my_duos_lists_the_sas_duos_with_cancel_and_delete_links(
    logged_in, offer, support_referent
):
    duo = DuoFactory(
        offer=offer,
        structure=support_referent.structure,
        person_first_name="Léa",
        person_last_name="Durand",
    )

    response = logged_in.get(MY_DUOS_URL)

    page = text_of(response)
    assert "Léa Durand" in page
    assert "Vendeur en boulangerie" in page
    assert "Boulangerie Dupain" in page
    assertContains(response, f'href="{reverse("offers:cancel_duo", args=[duo.pk])}"')
    assertContains(response, f'href="{offer_url("delete", offer)}"')


def test_my_duos_does_not_list_another_sas_duos(logged_in, offer):
    DuoFactory(offer=offer, person_first_name="Léa", person_last_name="Durand")

    assert "Léa Durand" not in text_of(logged_in.get(MY_DUOS_URL))


def test_my_duos_does_not_list_cancelled_duos(logged_in, offer, support_referent):
    DuoFactory(
        offer=offer,
        structure=support_referent.structure,
        person_first_name="Léa",
        person_last_name="Durand",
        cancelled=True,
    )

    assert "Léa Durand" not in text_of(logged_in.get(MY_DUOS_URL))


def test_my_duos_lists_the_offers_the_sa_is_interested_in(logged_in, offer, support_referent):
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)

    page = text_of(logged_in.get(MY_DUOS_URL))

    assert "Offres qui vous intéressent" in page
    assert "Vendeur en boulangerie" in page


def test_cancel_page_asks_for_confirmation_and_cancels_nothing(logged_in, offer, support_referent):
    duo = DuoFactory(offer=offer, structure=support_referent.structure)

    response = logged_in.get(reverse("offers:cancel_duo", args=[duo.pk]))

    assert "Annuler le duo" in text_of(response)
    assert Duo.objects.get(pk=duo.pk).cancelled_at is None


def test_cancelling_the_duo_returns_the_offer_to_en_cours(logged_in, offer, support_referent):
    duo = DuoFactory(offer=offer, structure=support_referent.structure)

    response = logged_in.post(reverse("offers:cancel_duo", args=[duo.pk]))

    assertRedirects(response, MY_DUOS_URL)
    assert Duo.objects.get(pk=duo.pk).cancelled_at is not None
    assert status_of(offer) == OfferStatus.IN_PROGRESS


def test_cancelling_the_duo_emails_the_employer_and_the_sa(
    logged_in, offer, support_referent, mailoutbox, django_capture_on_commit_callbacks
):
    duo = DuoFactory(offer=offer, structure=support_referent.structure, created_by=support_referent)

    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(reverse("offers:cancel_duo", args=[duo.pk]))

    assert [message.to for message in mailoutbox] == [
        ["camille.martin@dupain.fr"],
        ["sacha.bernard@ateliers.fr"],
    ]


def test_cancelling_another_sas_duo_answers_404(logged_in, offer):
    duo = DuoFactory(offer=offer)

    response = logged_in.post(reverse("offers:cancel_duo", args=[duo.pk]))

    assert response.status_code == 404
    assert Duo.objects.get(pk=duo.pk).cancelled_at is None


def test_the_sa_deletes_the_offer_of_its_duo_after_confirmation(logged_in, offer, support_referent):
    DuoFactory(offer=offer, structure=support_referent.structure)

    response = logged_in.post(offer_url("delete", offer))

    assertRedirects(response, MY_DUOS_URL)
    assert not Offer.objects.filter(pk=offer.pk).exists()


def test_the_sas_delete_page_asks_for_confirmation_and_deletes_nothing(
    logged_in, offer, support_referent
):
    DuoFactory(offer=offer, structure=support_referent.structure)

    response = logged_in.get(offer_url("delete", offer))

    assert "Supprimer définitivement" in text_of(response)
    assert Offer.objects.filter(pk=offer.pk).exists()


# The employer's offer page: the interested SAs and their contacts


def test_employer_sees_the_interested_sas_with_their_referents_contacts(
    client, employer, offer, support_referent
):
    InterestFactory(
        offer=offer,
        structure=support_referent.structure,
        user=support_referent,
        message="Nous avons une candidate.",
    )
    client.force_login(employer)

    page = text_of(client.get(offer_url("detail", offer)))

    assert "ESAT Les Ateliers" in page
    assert "Sacha Bernard" in page
    assert "sacha.bernard@ateliers.fr" in page
    assert "06 55 44 33 22" in page
    assert "Nous avons une candidate." in page


def test_employer_does_not_see_an_interested_sas_inactive_referents(
    client, employer, offer, support_referent
):
    ReferentFactory(
        structure=support_referent.structure, email="parti@ateliers.fr", is_active=False
    )
    InterestFactory(offer=offer, structure=support_referent.structure, user=support_referent)
    client.force_login(employer)

    assertNotContains(client.get(offer_url("detail", offer)), "parti@ateliers.fr")


def test_employer_sees_the_duo_on_the_offer_page(client, employer, offer, support_referent):
    DuoFactory(
        offer=offer,
        structure=support_referent.structure,
        person_first_name="Léa",
        person_last_name="Durand",
    )
    client.force_login(employer)

    page = text_of(client.get(offer_url("detail", offer)))

    assert "Léa Durand, accompagné(e) par ESAT Les Ateliers" in page


def test_employer_offer_page_says_when_no_sa_is_interested_yet(client, employer, offer):
    client.force_login(employer)

    page = text_of(client.get(offer_url("detail", offer)))

    assert "Aucune structure accompagnante ne s’est encore déclarée intéressée." in page


def test_sa_list_shows_only_open_statuses_in_the_status_filter(logged_in, offer, employer):
    OfferFactory(structure=employer.structure)

    response = logged_in.get(reverse("offers:list"))

    assertContains(response, '<option value="en_cours">En cours</option>')
    assertNotContains(response, '<option value="concretisee">')


def test_sa_submitting_the_duo_just_after_another_sa_is_told_the_offer_is_filled(
    client, offer, support_referent, other_support_referent
):
    workflow.form_duo(
        offer, other_support_referent.structure, other_support_referent, "Léa", "Martin"
    )
    client.force_login(support_referent)

    response = client.post(
        f"/espace/offres/{offer.pk}/duo/",
        {"person_first_name": "Paul", "person_last_name": "Durand"},
        follow=True,
    )

    assert "Une autre structure accompagnante vient de constituer le duo" in text_of(response)
    assert Duo.objects.filter(offer=offer).count() == 1


def test_sa_that_formed_the_duo_cannot_withdraw_its_interest(offer, support_referent):
    workflow.form_duo(offer, support_referent.structure, support_referent, "Léa", "Martin")

    with pytest.raises(workflow.InvalidTransition, match="annulez-le d’abord"):
        workflow.withdraw_interest(offer, support_referent.structure)


def test_employer_page_of_a_past_duo_without_interest_does_not_say_none_is_interested(
    client, employer, past_edition
):
    past_offer = OfferFactory(structure=employer.structure, edition=past_edition)
    DuoFactory(offer=past_offer, person_first_name="Léa", person_last_name="Fontaine")
    past_offer.interests.all().delete()  # as the duos of the editions before the portal
    client.force_login(employer)

    page = text_of(client.get(offer_url("detail", past_offer)))

    assert "Léa Fontaine" in page
    assert "Aucune structure accompagnante" not in page


def test_employer_page_of_a_past_offer_without_interest_says_none_was_interested(
    client, employer, past_edition
):
    past_offer = OfferFactory(structure=employer.structure, edition=past_edition)
    client.force_login(employer)

    page = text_of(client.get(offer_url("detail", past_offer)))

    assert "Aucune structure accompagnante ne s’est déclarée intéressée." in page
