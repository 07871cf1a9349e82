"""Outside the current edition's registration dates, employers neither register nor add
offers; support structures still register, and employers still edit their offers."""

import datetime

import pytest
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from directory.enums import StructureKind
from directory.registration_gates import registration_closed_message
from offers import workflow
from offers.models import Offer
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def close_registrations(edition):
    edition.registration_opens = timezone.localdate() - datetime.timedelta(days=60)
    edition.registration_closes = timezone.localdate() - datetime.timedelta(days=1)
    edition.save()


def test_registrations_open_today_let_employers_register(current_edition):
    assert registration_closed_message(StructureKind.EMPLOYER) is None


def test_closed_registrations_refuse_employers_but_not_support_structures(current_edition):
    close_registrations(current_edition)

    message = registration_closed_message(StructureKind.EMPLOYER)

    assert message.startswith(f"Les inscriptions des employeurs à DuoDay {current_edition.year}")
    assert registration_closed_message(StructureKind.SUPPORT) is None


def test_registrations_not_yet_open_say_when_they_open(current_edition):
    current_edition.registration_opens = timezone.localdate() + datetime.timedelta(days=3)
    current_edition.save()

    assert "ouvriront le" in registration_closed_message(StructureKind.EMPLOYER)


def test_the_registration_page_says_employers_registration_is_closed(client, current_edition):
    close_registrations(current_edition)

    response = client.get(reverse("directory:register"))

    assert "sont closes depuis le" in response.content.decode()


def test_adding_an_offer_is_refused_once_registrations_are_closed(client, current_edition):
    offer = OfferFactory()
    close_registrations(current_edition)
    client.force_login(offer.referent)

    response = client.get(reverse("offers:create"))

    assert response.status_code == 200
    assert "Vous ne pouvez plus ajouter d’offre" in response.content.decode()
    assert "form" not in response.context


def test_the_workflow_refuses_an_offer_once_registrations_are_closed(current_edition):
    existing = OfferFactory()
    close_registrations(current_edition)
    offer = Offer(
        **{
            field.name: getattr(existing, field.name)
            for field in Offer._meta.concrete_fields
            if field.name not in ("id", "edition")
        },
        edition=current_edition,
    )

    with pytest.raises(workflow.InvalidTransition):
        workflow.create_offer(offer)


def test_editing_an_offer_stays_open_once_registrations_are_closed(current_edition):
    offer = OfferFactory()
    close_registrations(current_edition)
    offer.title = "Nouvel intitulé"

    workflow.update_offer(offer, offer.structure)

    assert Offer.objects.get(pk=offer.pk).title == "Nouvel intitulé"


@pytest.mark.parametrize(
    "url",
    [
        reverse_lazy("offers:import"),
        reverse_lazy("offers:import_template_csv"),
        reverse_lazy("offers:reconduct"),
    ],
)
def test_importing_and_reconducting_are_closed_with_adding_an_offer(client, current_edition, url):
    offer = OfferFactory()
    close_registrations(current_edition)
    client.force_login(offer.referent)

    response = client.get(url)

    assert response.status_code == 200
    assert "Vous ne pouvez plus ajouter d’offre" in response.content.decode()


@pytest.mark.parametrize("add", ["import", "reconduct"])
def test_the_workflow_refuses_offers_in_bulk_once_registrations_are_closed(current_edition, add):
    existing = OfferFactory()
    close_registrations(current_edition)
    offer = Offer(
        **{
            field.name: getattr(existing, field.name)
            for field in Offer._meta.concrete_fields
            if field.name not in ("id", "edition", "copied_from")
        },
        edition=current_edition,
        copied_from=existing if add == "reconduct" else None,
    )
    count = Offer.objects.count()

    with pytest.raises(workflow.InvalidTransition, match="sont closes depuis le"):
        if add == "import":
            workflow.import_offers(existing.structure, [offer], existing.referent)
        else:
            workflow.reconduct_offers(existing.structure, [offer], existing.referent)

    assert Offer.objects.count() == count
