"""« Reconduire mes offres » (copies of past offers into the current edition, once) and
« Dupliquer cette offre » (the add-offer form filled with an offer's values)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from offers import reconduction, workflow
from offers.enums import Modality, OfferStatus, Sector
from offers.models import Offer
from tests.factories import DuoFactory, EditionFactory, OfferFactory, ReferentFactory
from tests.html_text import text_of

pytestmark = pytest.mark.django_db

RECONDUCT_URL = reverse("offers:reconduct")


@pytest.fixture
def logged_in(client, employer):
    client.force_login(employer)
    return client


@pytest.fixture
def past_offers(employer, past_edition):
    """Two offers of the employer in the last edition, one of them with its duo."""
    filled = DuoFactory(
        offer=OfferFactory(
            structure=employer.structure,
            referent=employer,
            edition=past_edition,
            title="Pâtissier·ère",
            sector=Sector.CRAFTS,
            modality=Modality.REMOTE,
            schedule="6 h – 13 h",
        )
    ).offer
    open_offer = OfferFactory(
        structure=employer.structure,
        referent=employer,
        edition=past_edition,
        title="Vendeur·se",
        postcode="69007",
    )
    return [filled, open_offer]


def choose(client, offers, **extra):
    """Tick `offers` and ask for the preview."""
    return client.post(RECONDUCT_URL, {"offers": [offer.pk for offer in offers], **extra})


def reconduct(client, offers):
    """Tick `offers`, then « Reconduire les N offres » on the preview."""
    return client.post(
        RECONDUCT_URL, {"offers": [offer.pk for offer in offers], "confirmer": "1"}, follow=True
    )


def copies_in(edition):
    return Offer.objects.filter(edition=edition, copied_from__isnull=False)


def test_the_page_lists_the_past_offers_to_tick(logged_in, past_offers, current_edition):
    OfferFactory(structure=past_offers[0].structure, title="Offre de cette année")
    OfferFactory(edition=past_offers[0].edition, title="Offre d'un autre employeur")

    response = logged_in.get(RECONDUCT_URL)

    page = text_of(response)
    assert "Pâtissier·ère — Lyon (69), distanciel" in page
    assert "Vendeur·se — Lyon (69), présentiel" in page
    assert "Offre de cette année" not in page
    assert "Offre d'un autre employeur" not in page
    assertContains(response, 'type="checkbox"', count=2)
    assertContains(response, f"?annee={past_offers[0].edition.year}&amp;tout=1")


def test_select_all_ticks_every_offer(logged_in, past_offers):
    response = logged_in.get(RECONDUCT_URL, {"annee": past_offers[0].edition.year, "tout": "1"})

    assertContains(response, "checked", count=2)


def test_the_preview_shows_the_copies_and_saves_nothing(logged_in, past_offers, current_edition):
    response = choose(logged_in, past_offers)

    assertContains(response, "2 offres seront copiées dans DuoDay")
    assertContains(response, "Reconduire les 2 offres")
    assertContains(response, "À reconduire", count=2)
    assert not copies_in(current_edition).exists()


def test_reconducting_copies_the_offers_into_the_current_edition(
    logged_in, employer, past_offers, current_edition
):
    response = reconduct(logged_in, past_offers)

    assertRedirects(response, reverse("offers:list"))
    assertContains(response, "2 offres reconduites dans DuoDay")
    filled, open_offer = past_offers
    copy = Offer.objects.get(copied_from=filled)
    assert (copy.edition, copy.status, copy.date) == (
        current_edition,
        OfferStatus.OPEN,
        current_edition.duoday_date,
    )
    assert (copy.title, copy.sector, copy.modality, copy.schedule, copy.referent) == (
        "Pâtissier·ère",
        Sector.CRAFTS,
        Modality.REMOTE,
        "6 h – 13 h",
        employer,
    )
    assert Offer.objects.get(copied_from=open_offer).postcode == "69007"
    # The past offers themselves are unchanged.
    filled.refresh_from_db()
    assert (filled.status, filled.edition) == (OfferStatus.FILLED, past_offers[0].edition)


def test_reconducting_twice_creates_no_duplicate(logged_in, past_offers, current_edition):
    reconduct(logged_in, past_offers[:1])

    page = logged_in.get(RECONDUCT_URL)
    again = reconduct(logged_in, past_offers[1:])

    assertContains(page, "Déjà reconduite")
    assertContains(page, 'type="checkbox"', count=1)
    assert copies_in(current_edition).count() == 2
    assert sorted(copies_in(current_edition).values_list("copied_from", flat=True)) == sorted(
        offer.pk for offer in past_offers
    )
    assertContains(again, "1 offre reconduite")


def test_a_stale_tick_of_an_offer_already_reconducted_is_refused(
    logged_in, past_offers, current_edition
):
    reconduct(logged_in, past_offers)

    response = reconduct(logged_in, past_offers)

    assertContains(response, "Une offre cochée n’est plus à reconduire")
    assert copies_in(current_edition).count() == 2


def test_the_workflow_skips_offers_already_reconducted(employer, past_offers, current_edition):
    first = reconduction.copies_of(past_offers, current_edition, employer)
    second = reconduction.copies_of(past_offers, current_edition, employer)

    created = workflow.reconduct_offers(employer.structure, [c.offer for c in first], employer)
    again = workflow.reconduct_offers(employer.structure, [c.offer for c in second], employer)

    assert len(created) == 2
    assert again == []
    assert copies_in(current_edition).count() == 2


def test_the_database_refuses_a_second_copy_in_one_edition(employer, past_offers, current_edition):
    source = past_offers[1]
    OfferFactory(structure=employer.structure, referent=employer, copied_from=source)

    with pytest.raises(IntegrityError), transaction.atomic():
        OfferFactory(structure=employer.structure, referent=employer, copied_from=source)


def test_an_inactive_referent_is_replaced_by_who_reconducts(
    logged_in, employer, past_offers, current_edition
):
    gone = ReferentFactory(structure=employer.structure, is_active=False)
    Offer.objects.filter(pk=past_offers[1].pk).update(referent=gone)

    reconduct(logged_in, past_offers[1:])

    assert copies_in(current_edition).get().referent == employer


def test_an_offer_that_breaks_todays_rules_is_not_copied(logged_in, past_offers, current_edition):
    Offer.objects.filter(pk=past_offers[1].pk).update(postcode="99999")

    preview = choose(logged_in, past_offers)
    reconduct(logged_in, past_offers)

    assertContains(preview, "Impossible")
    assertContains(preview, "Le code postal 99999 ne correspond à aucun département.")
    assertContains(preview, "Reconduire l’offre")
    assert [copy.copied_from for copy in copies_in(current_edition)] == [past_offers[0]]


def test_another_employers_offers_cannot_be_reconducted(logged_in, past_edition, current_edition):
    foreign = OfferFactory(edition=past_edition)

    response = reconduct(logged_in, [foreign])

    assert not copies_in(current_edition).exists()
    assert response.status_code == 200


def test_an_employer_with_no_past_offer_is_told_so(logged_in, current_edition):
    response = logged_in.get(RECONDUCT_URL)

    assertContains(response, "Vous n’avez aucune offre dans les éditions passées.")


def test_an_older_edition_can_be_chosen(logged_in, employer, past_offers):
    older = EditionFactory()
    OfferFactory(structure=employer.structure, referent=employer, edition=older, title="Ancienne")

    default = logged_in.get(RECONDUCT_URL)
    chosen = logged_in.get(RECONDUCT_URL, {"annee": older.year})

    assert "Ancienne" not in text_of(default)
    assert "Ancienne" in text_of(chosen)
    assert "Pâtissier·ère" not in text_of(chosen)


def test_reconduction_emails_one_summary(
    logged_in, employer, past_offers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reconduct(logged_in, past_offers)

    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([employer.email], "[DuoDay] 2 offres reconduites")
    ]


# « Dupliquer cette offre »


def test_offer_page_has_the_duplicate_button(logged_in, offer):
    response = logged_in.get(reverse("offers:detail", args=[offer.pk]))

    assertContains(response, f'href="{reverse("offers:duplicate", args=[offer.pk])}"')
    assert "Dupliquer cette offre" in text_of(response)


def test_duplicate_opens_the_add_offer_form_filled_and_saves_nothing(logged_in, offer):
    response = logged_in.get(reverse("offers:duplicate", args=[offer.pk]))

    form = response.context["form"]
    assert form.instance.pk is None
    assert form["title"].value() == "Vendeur en boulangerie"
    assert form["postcode"].value() == offer.postcode
    assert form["referent"].value() == offer.referent_id
    assertContains(response, "Copie de l’offre « Vendeur en boulangerie »")
    assert Offer.objects.count() == 1


def test_duplicate_then_valider_adds_a_second_offer(logged_in, employer, offer):
    url = reverse("offers:duplicate", args=[offer.pk])
    form = logged_in.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["date"] = offer.date.strftime("%d/%m/%Y")

    response = logged_in.post(url, data)

    new = Offer.objects.exclude(pk=offer.pk).get()
    assertRedirects(response, reverse("offers:detail", args=[new.pk]))
    assert (new.title, new.status, new.copied_from) == (offer.title, OfferStatus.OPEN, None)


def test_duplicating_a_past_offer_takes_the_current_edition_date(
    logged_in, past_offers, current_edition
):
    response = logged_in.get(reverse("offers:duplicate", args=[past_offers[0].pk]))

    assert response.context["form"]["date"].value() == current_edition.duoday_date
    assert response.context["edition"] == current_edition


def test_another_employers_offer_cannot_be_duplicated(logged_in, current_edition):
    foreign = OfferFactory()

    assert logged_in.get(reverse("offers:duplicate", args=[foreign.pk])).status_code == 404


def test_support_structures_cannot_duplicate(client, support_referent, offer):
    client.force_login(support_referent)

    assert client.get(reverse("offers:duplicate", args=[offer.pk])).status_code == 404
    assertNotContains(client.get(reverse("offers:detail", args=[offer.pk])), "Dupliquer")
