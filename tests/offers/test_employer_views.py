"""The employer's « Offres » screens, with the labels of the guide (§2.2): the list, « Ajouter
une offre » → « Valider », the offer page, « Editer cette offre » → « Valider », « Supprimer
cette offre » with its confirmation."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from directory.models import Department
from offers.enums import OfferStatus
from offers.models import Offer
from tests.factories import (
    DuoFactory,
    EditionFactory,
    InterestFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
)
from tests.html_text import soup, text_of
from tests.offers.helpers import field_errors, listed_titles, offer_url

pytestmark = pytest.mark.django_db

LIST_URL = reverse("offers:list")
CREATE_URL = reverse("offers:create")


@pytest.fixture
def logged_in(client, employer):
    client.force_login(employer)
    return client


def offer_data(employer, **overrides):
    data = {
        "title": "Préparateur de commandes",
        "description": "Préparer les commandes avec l'équipe logistique.",
        "sector": "logistique",
        "address": "10 rue Garibaldi",
        "postcode": "69003",
        "commune": "Lyon",
        "department": "",
        "modality": "presentiel",
        "date": "19/11/2027",
        "schedule": "9 h – 17 h",
        "accessibility": "Plain-pied.",
        "referent": employer.pk,
    }
    return {**data, **overrides}


# « Offres »: the list


def test_offer_list_has_the_add_an_offer_button(logged_in):
    response = logged_in.get(LIST_URL)

    assertContains(response, f'href="{CREATE_URL}"')
    assert "Ajouter une offre" in text_of(response)


@pytest.mark.parametrize(
    ("status", "badge"),
    [("open", "Non concrétisée"), ("in_progress", "En cours"), ("filled", "Concrétisée")],
)
def test_offer_list_shows_each_offers_status_badge(logged_in, offer, status, badge):
    if status == "in_progress":
        InterestFactory(offer=offer)
    elif status == "filled":
        DuoFactory(offer=offer)

    response = logged_in.get(LIST_URL)

    assertContains(response, f'offer-status">{badge}</p>')


def test_offer_list_filters_by_status(logged_in, employer, offer):
    in_progress = OfferFactory(structure=employer.structure, title="Offre en cours")
    InterestFactory(offer=in_progress)

    response = logged_in.get(LIST_URL, {"status": OfferStatus.IN_PROGRESS})

    assert listed_titles(response) == ["Offre en cours"]


def test_offer_list_filters_by_department(logged_in, employer, offer):
    OfferFactory(structure=employer.structure, title="Offre à Paris", postcode="75011")

    response = logged_in.get(LIST_URL, {"department": Department.objects.get(code="75").pk})

    assert listed_titles(response) == ["Offre à Paris"]


def test_offer_list_department_filter_offers_only_the_employers_departments(
    logged_in, employer, offer
):
    response = logged_in.get(LIST_URL)

    assertContains(response, "69 – Rhône")
    assertNotContains(response, "75 – Paris")


def test_offer_list_filters_by_modality(logged_in, employer, offer):
    OfferFactory(structure=employer.structure, title="Offre à distance", modality="distanciel")

    response = logged_in.get(LIST_URL, {"modality": "distanciel"})

    assert listed_titles(response) == ["Offre à distance"]


def test_offer_list_filters_by_sector(logged_in, employer, offer):
    OfferFactory(structure=employer.structure, title="Aide-soignant", sector="sante")

    response = logged_in.get(LIST_URL, {"sector": "sante"})

    assert listed_titles(response) == ["Aide-soignant"]


def test_offer_list_searches_title_description_and_commune(logged_in, employer, offer):
    OfferFactory(structure=employer.structure, title="Magasinier", commune="Villeurbanne")

    response = logged_in.get(LIST_URL, {"q": "villeurbanne"})

    assert listed_titles(response) == ["Magasinier"]


def test_offer_list_shows_twenty_offers_per_page(logged_in, employer):
    OfferFactory.create_batch(21, structure=employer.structure, referent=employer)

    response = logged_in.get(LIST_URL)

    assert len(listed_titles(response)) == 20
    assert "21 offres" in text_of(response)


def test_offer_list_shows_the_twenty_first_offer_on_page_two(logged_in, employer):
    offers = OfferFactory.create_batch(21, structure=employer.structure, referent=employer)

    response = logged_in.get(LIST_URL, {"page": 2})

    assert listed_titles(response) == [offers[0].title]


# « Ajouter une offre » → « Valider »


def test_add_offer_form_has_the_guides_labels(logged_in):
    page = text_of(logged_in.get(CREATE_URL))

    for label in ["Ajouter une offre", "Intitulé du poste", "Code postal", "Valider"]:
        assert label in page


def test_add_offer_form_proposes_the_editions_date(logged_in, current_edition):
    response = logged_in.get(CREATE_URL)

    assertContains(response, f'value="{current_edition.duoday_date:%d/%m/%Y}"')


def test_add_offer_form_proposes_the_logged_in_referent(logged_in, employer):
    response = logged_in.get(CREATE_URL)

    assertContains(response, f'<option value="{employer.pk}" selected>')


def test_valid_offer_is_created_and_opened(logged_in, employer):
    response = logged_in.post(CREATE_URL, offer_data(employer))

    offer = Offer.objects.get(title="Préparateur de commandes")
    assertRedirects(response, offer_url("detail", offer))
    assert (offer.structure, offer.status, offer.referent) == (
        employer.structure,
        OfferStatus.OPEN,
        employer,
    )


def test_created_offers_department_is_derived_from_the_postcode(logged_in, employer):
    logged_in.post(CREATE_URL, offer_data(employer, postcode="69003"))

    assert Offer.objects.get().department.code == "69"


def test_created_offer_belongs_to_the_current_edition(logged_in, employer, current_edition):
    logged_in.post(CREATE_URL, offer_data(employer))

    assert Offer.objects.get().edition == current_edition


def test_created_offer_keeps_the_editions_date_as_proposed(logged_in, employer, current_edition):
    logged_in.post(CREATE_URL, offer_data(employer, date=f"{current_edition.duoday_date:%d/%m/%Y}"))

    assert Offer.objects.get().date == current_edition.duoday_date


def test_creating_an_offer_emails_its_referent(
    logged_in, employer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in.post(CREATE_URL, offer_data(employer))

    assert [(message.to, message.subject) for message in mailoutbox] == [
        (
            ["camille.martin@dupain.fr"],
            "[DuoDay] Votre offre « Préparateur de commandes » est publiée",
        )
    ]


def test_a_postcode_of_no_department_is_refused_next_to_the_field(logged_in, employer):
    response = logged_in.post(CREATE_URL, offer_data(employer, postcode="96000"))

    assert field_errors(response, "id_postcode") == [
        "Le code postal 96000 ne correspond à aucun département."
    ]


def test_a_date_outside_the_duoday_week_is_refused_next_to_the_field(
    logged_in, employer, current_edition
):
    day_after_the_week = current_edition.week_end + datetime.timedelta(days=1)

    response = logged_in.post(
        CREATE_URL, offer_data(employer, date=day_after_the_week.strftime("%d/%m/%Y"))
    )

    assert field_errors(response, "id_date") == [
        f"La date doit être comprise dans la semaine DuoDay {current_edition.year}, du "
        f"{current_edition.week_start:%d/%m/%Y} au {current_edition.week_end:%d/%m/%Y}."
    ]
    assert not Offer.objects.exists()


def test_a_refused_offer_keeps_what_was_typed(logged_in, employer):
    response = logged_in.post(CREATE_URL, offer_data(employer, postcode="96000"))

    assertContains(response, 'value="Préparateur de commandes"')
    assertContains(response, 'value="96000"')
    assertContains(response, "Préparer les commandes avec l&#x27;équipe logistique.")


def test_a_refused_offer_saves_nothing(logged_in, employer):
    logged_in.post(CREATE_URL, offer_data(employer, postcode="96000"))

    assert not Offer.objects.exists()


def test_a_department_contradicting_the_postcode_is_refused_next_to_the_field(logged_in, employer):
    paris = Department.objects.get(code="75")

    response = logged_in.post(CREATE_URL, offer_data(employer, department=paris.pk))

    assert field_errors(response, "id_department") == [
        "Le département ne correspond pas au code postal 69003."
    ]
    assert not Offer.objects.exists()


def test_a_department_matching_the_postcode_is_accepted(logged_in, employer):
    rhone = Department.objects.get(code="69")

    logged_in.post(CREATE_URL, offer_data(employer, department=rhone.pk))

    assert Offer.objects.get().department == rhone


def test_missing_required_fields_are_reported_in_french(logged_in, employer):
    response = logged_in.post(CREATE_URL, offer_data(employer, title=""))

    assert field_errors(response, "id_title") == ["Champ requis."]
    assert not Offer.objects.exists()


def test_referent_choices_are_the_structures_active_referents(logged_in, employer):
    colleague = ReferentFactory(structure=employer.structure, email="colleague@dupain.fr")
    ReferentFactory(structure=employer.structure, email="ancien@dupain.fr", is_active=False)
    ReferentFactory(email="autre@ailleurs.fr")

    response = logged_in.get(CREATE_URL)

    assertContains(response, "camille.martin@dupain.fr")
    assertContains(response, colleague.email)
    assertNotContains(response, "ancien@dupain.fr")
    assertNotContains(response, "autre@ailleurs.fr")


def test_another_structures_user_is_refused_as_referent(logged_in, employer):
    stranger = ReferentFactory(structure=StructureFactory())

    response = logged_in.post(CREATE_URL, offer_data(employer, referent=stranger.pk))

    assert field_errors(response, "id_referent") == [
        "Sélectionnez un choix valide. Ce choix ne fait pas partie de ceux disponibles."
    ]
    assert not Offer.objects.exists()


# The offer page


def test_offer_page_shows_the_status_badge(logged_in, offer):
    response = logged_in.get(offer_url("detail", offer))

    assertContains(response, 'fr-badge--new offer-status">Non concrétisée</p>')


def test_offer_page_shows_the_concretisee_badge_on_green(logged_in, offer):
    DuoFactory(offer=offer)

    response = logged_in.get(offer_url("detail", offer))

    assertContains(response, 'fr-badge--success offer-status">Concrétisée</p>')


def test_offer_page_links_to_editer_cette_offre(logged_in, offer):
    response = logged_in.get(offer_url("detail", offer))

    assertContains(response, f'href="{offer_url("edit", offer)}"')
    assert "Editer cette offre" in text_of(response)


def test_past_editions_offer_page_has_no_edit_button(logged_in, employer, past_edition):
    past_offer = OfferFactory(structure=employer.structure, edition=past_edition)

    response = logged_in.get(offer_url("detail", past_offer))

    assert "Editer cette offre" not in text_of(response)


# « Editer cette offre » → « Valider »


def test_edit_form_shows_the_offers_values(logged_in, offer):
    response = logged_in.get(offer_url("edit", offer))

    assertContains(response, 'value="Vendeur en boulangerie"')


def test_edit_saves_the_changes(logged_in, employer, offer):
    response = logged_in.post(
        offer_url("edit", offer), offer_data(employer, title="Vendeur en boulangerie (matin)")
    )

    assertRedirects(response, offer_url("detail", offer))
    assert Offer.objects.get(pk=offer.pk).title == "Vendeur en boulangerie (matin)"


def test_edit_keeps_the_status(logged_in, employer, offer):
    InterestFactory(offer=offer)

    logged_in.post(offer_url("edit", offer), offer_data(employer))

    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.IN_PROGRESS


def test_edit_moves_the_offer_to_the_new_postcodes_department(logged_in, employer, offer):
    logged_in.post(offer_url("edit", offer), offer_data(employer, postcode="75011"))

    assert Offer.objects.get(pk=offer.pk).department.code == "75"


def test_refused_edit_saves_nothing(logged_in, employer, offer):
    response = logged_in.post(
        offer_url("edit", offer), offer_data(employer, title="Changé", postcode="96000")
    )

    assert field_errors(response, "id_postcode") == [
        "Le code postal 96000 ne correspond à aucun département."
    ]
    assert Offer.objects.get(pk=offer.pk).title == "Vendeur en boulangerie"


def test_edit_page_of_a_non_concretisee_offer_has_supprimer_cette_offre(logged_in, offer):
    response = logged_in.get(offer_url("edit", offer))

    assertContains(response, f'href="{offer_url("delete", offer)}"')
    assert "Supprimer cette offre" in text_of(response)


def test_edit_page_of_a_concretisee_offer_has_no_delete_button(logged_in, offer):
    DuoFactory(offer=offer)

    response = logged_in.get(offer_url("edit", offer))

    assertNotContains(response, offer_url("delete", offer))


def test_edit_page_of_a_concretisee_offer_says_why_it_cannot_be_deleted(logged_in, offer):
    DuoFactory(offer=offer)

    page = text_of(logged_in.get(offer_url("edit", offer)))

    assert "seule la structure accompagnante peut la supprimer" in page
    assert "0 800 386 329" in page
    assert "contact@duoday.fr" in page


# « Supprimer cette offre »: confirmation, then deletion


def test_delete_page_asks_for_confirmation_and_deletes_nothing(logged_in, offer):
    response = logged_in.get(offer_url("delete", offer))

    assert "Supprimer définitivement" in text_of(response)
    assert Offer.objects.filter(pk=offer.pk).exists()


def test_confirmed_deletion_deletes_the_offer(logged_in, offer):
    response = logged_in.post(offer_url("delete", offer))

    assertRedirects(response, LIST_URL)
    assert not Offer.objects.filter(pk=offer.pk).exists()


def test_confirmed_deletion_of_a_concretisee_offer_is_refused_with_the_reason(logged_in, offer):
    DuoFactory(offer=offer)

    response = logged_in.post(offer_url("delete", offer))

    assert "seule la structure accompagnante peut la supprimer" in text_of(response)
    assert Offer.objects.filter(pk=offer.pk).exists()


def test_edit_refuses_a_new_department_once_an_sa_is_interested(logged_in, employer, offer):
    InterestFactory(offer=offer)

    response = logged_in.post(offer_url("edit", offer), offer_data(employer, postcode="75011"))

    assert "ne peut pas changer de département" in " ".join(field_errors(response, "id_postcode"))
    assert Offer.objects.get(pk=offer.pk).department.code == "69"


def test_deactivating_an_offer_referent_hands_the_offer_to_the_acting_referent(
    logged_in, employer, offer
):
    colleague = ReferentFactory(structure=employer.structure)
    offer.referent = colleague
    offer.save()
    acting_referent = logged_in.session["_auth_user_id"]

    logged_in.post(reverse("directory:deactivate_referent", args=[colleague.pk]))

    assert str(Offer.objects.get(pk=offer.pk).referent_id) == acting_referent


# « Offres »: one edition at a time


@pytest.fixture
def past_offer(employer, past_edition):
    return OfferFactory(
        structure=employer.structure, referent=employer, edition=past_edition, title="Pâtissier"
    )


def test_offer_list_shows_the_current_editions_offers_by_default(logged_in, offer, past_offer):
    assert listed_titles(logged_in.get(LIST_URL)) == ["Vendeur en boulangerie"]


def test_offer_list_selects_the_current_edition_in_its_filter(
    logged_in, offer, past_offer, current_edition
):
    response = logged_in.get(LIST_URL)

    assertContains(
        response,
        f'<option value="{current_edition.pk}" selected>DuoDay {current_edition.year}</option>',
        html=True,
    )


def test_offer_list_filters_by_a_past_edition(logged_in, offer, past_offer, past_edition):
    response = logged_in.get(LIST_URL, {"edition": past_edition.pk})

    assert listed_titles(response) == ["Pâtissier"]


def test_offer_list_shows_every_edition_when_asked(logged_in, offer, past_offer):
    response = logged_in.get(LIST_URL, {"edition": ""})

    assert sorted(listed_titles(response)) == ["Pâtissier", "Vendeur en boulangerie"]


def test_offer_list_edition_filter_offers_only_the_employers_editions_and_the_current(
    logged_in, offer, past_offer, past_edition, current_edition
):
    EditionFactory()  # an edition where the employer had no offer

    response = logged_in.get(LIST_URL)

    options = [option["value"] for option in soup(response).select('select[name="edition"] option')]
    assert options == ["", str(current_edition.pk), str(past_edition.pk)]


def test_offer_list_keeps_the_chosen_edition_on_the_next_page(logged_in, employer, past_edition):
    OfferFactory.create_batch(21, structure=employer.structure, edition=past_edition)

    response = logged_in.get(LIST_URL, {"edition": past_edition.pk})

    assertContains(response, f"edition={past_edition.pk}&amp;page=2")


def test_support_structures_list_has_no_edition_filter(client, support_referent, offer):
    client.force_login(support_referent)

    assertNotContains(client.get(LIST_URL), 'name="edition"')


def test_support_structures_list_shows_each_offers_employer(client, support_referent, offer):
    client.force_login(support_referent)

    response = client.get(LIST_URL)

    assertContains(response, '<td data-label="Employeur">Boulangerie Dupain</td>', html=True)
