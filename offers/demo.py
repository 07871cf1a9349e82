"""Demo editions, offers in every status and past duos, for `seed_demo`."""

import datetime

from django.utils import timezone

from directory.departments import department_code_for_postcode
from directory.models import Department, Structure
from offers import workflow
from offers.enums import Modality, Sector
from offers.models import Duo, Edition, Offer, seeph_week


def duoday_date(year):
    """The third Thursday of November, when DuoDay usually takes place."""
    first = datetime.date(year, 11, 1)
    first_thursday = first + datetime.timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + datetime.timedelta(weeks=2)


def seed_editions():
    today = timezone.localdate()
    year = today.year if duoday_date(today.year) >= today else today.year + 1
    past, _created = Edition.objects.get_or_create(
        year=year - 1,
        defaults={
            "duoday_date": duoday_date(year - 1),
            "week_start": seeph_week(duoday_date(year - 1))[0],
            "week_end": seeph_week(duoday_date(year - 1))[1],
            "registration_opens": datetime.date(year - 1, 9, 1),
            "registration_closes": duoday_date(year - 1) - datetime.timedelta(days=7),
        },
    )
    current = Edition.current()
    if current is None:
        current, _created = Edition.objects.get_or_create(
            year=year,
            defaults={
                "duoday_date": duoday_date(year),
                "week_start": seeph_week(duoday_date(year))[0],
                "week_end": seeph_week(duoday_date(year))[1],
                "registration_opens": min(today, datetime.date(year, 9, 1)),
                "registration_closes": duoday_date(year) - datetime.timedelta(days=7),
            },
        )
        Edition.objects.filter(pk=current.pk).update(is_current=True)
        current.refresh_from_db()
    return current, past


DEMO_OFFERS = [
    # employer, title, sector, postcode, commune, modality
    ("Boulangerie Duval", "Boulanger·ère", Sector.CRAFTS, "75002", "Paris", Modality.ON_SITE),
    (
        "Boulangerie Duval",
        "Vendeur·se en boulangerie",
        Sector.TRADE,
        "75002",
        "Paris",
        Modality.ON_SITE,
    ),
    (
        "Boulangerie Duval",
        "Gestionnaire de commandes",
        Sector.SERVICES,
        "93100",
        "Montreuil",
        Modality.REMOTE,
    ),
    ("Boulangerie Duval", "Livreur·se", Sector.LOGISTICS, "75011", "Paris", Modality.ON_SITE),
    # Remote: every SA sees it, Cap Emploi Bouches-du-Rhône in Marseille too.
    (
        "Boulangerie Duval",
        "Assistant·e communication à distance",
        Sector.COMMUNICATION,
        "75002",
        "Paris",
        Modality.REMOTE,
    ),
    (
        "Mairie de Lyon",
        "Agent·e des espaces verts",
        Sector.AGRICULTURE,
        "69003",
        "Lyon",
        Modality.ON_SITE,
    ),
    (
        "Mairie de Lyon",
        "Agent·e d'accueil",
        Sector.ADMINISTRATION,
        "69001",
        "Lyon",
        Modality.ON_SITE,
    ),
]


def _offer(edition, employer_name, title, sector, postcode, commune, modality):
    employer = Structure.objects.get(name=employer_name)
    existing = Offer.objects.filter(edition=edition, structure=employer, title=title).first()
    if existing is not None:
        return existing, False
    offer = Offer(
        edition=edition,
        structure=employer,
        referent=employer.referents.first(),
        title=title,
        description=f"Découvrir le métier de {title.lower()} aux côtés d'un professionnel : "
        "accueil, présentation de l'équipe, mise en situation.",
        sector=sector,
        address="10 rue de l'Exemple",
        postcode=postcode,
        commune=commune,
        department=Department.objects.get(code=department_code_for_postcode(postcode)),
        modality=modality,
        date=edition.duoday_date,
        schedule="9 h – 16 h",
        accessibility="Locaux de plain-pied, accessibles en fauteuil roulant.",
    )
    return workflow.create_offer(offer), True


def seed_offers():
    current, past = seed_editions()
    esat = Structure.objects.get(name="ESAT Les Ateliers de Paris")
    cap_emploi = Structure.objects.get(name="Cap Emploi Paris")
    offers = {}
    for employer_name, title, sector, postcode, commune, modality in DEMO_OFFERS:
        offers[title], created = _offer(
            current, employer_name, title, sector, postcode, commune, modality
        )
        if not created:
            continue
        if title == "Vendeur·se en boulangerie":
            workflow.declare_interest(
                offers[title],
                cap_emploi,
                cap_emploi.referents.first(),
                "Nous accompagnons une personne intéressée par la vente.",
            )
        if title == "Livreur·se":
            workflow.declare_interest(offers[title], esat, esat.referents.first())
            workflow.form_duo(offers[title], esat, esat.referents.first(), "Camille", "Durand")
    # The last edition, read-only now, with its duos under « Historique ».
    past_offer = Offer.objects.filter(edition=past, structure__name="Boulangerie Duval").first()
    if past_offer is None:
        employer = Structure.objects.get(name="Boulangerie Duval")
        past_offer = Offer.objects.create(
            edition=past,
            structure=employer,
            referent=employer.referents.first(),
            title="Pâtissier·ère",
            description="Une journée au fournil.",
            sector=Sector.CRAFTS,
            address="12 rue de la Paix",
            postcode="75002",
            commune="Paris",
            department=employer.department,
            date=past.duoday_date,
            status="concretisee",
        )
        Duo.objects.create(
            offer=past_offer,
            structure=esat,
            created_by=esat.referents.first(),
            person_first_name="Léa",
            person_last_name="Fontaine",
        )
    seed_past_offers_to_reconduct(past)
    return current


# Last edition's other offers of the bakery, for « Reconduire mes offres ».
PAST_OFFERS = [
    ("Caissier·ère", Sector.TRADE, "75002", "Paris"),
    ("Préparateur·rice de commandes", Sector.LOGISTICS, "93100", "Montreuil"),
]


def seed_past_offers_to_reconduct(past):
    employer = Structure.objects.get(name="Boulangerie Duval")
    for title, sector, postcode, commune in PAST_OFFERS:
        Offer.objects.get_or_create(
            edition=past,
            structure=employer,
            title=title,
            defaults={
                "referent": employer.referents.first(),
                "description": f"Découvrir le métier de {title.lower()} aux côtés d'un "
                "professionnel : accueil, présentation de l'équipe, mise en situation.",
                "sector": sector,
                "address": "12 rue de la Paix",
                "postcode": postcode,
                "commune": commune,
                "department": Department.objects.get(code=department_code_for_postcode(postcode)),
                "date": past.duoday_date,
                "schedule": "8 h – 15 h",
                "accessibility": "Locaux de plain-pied, accessibles en fauteuil roulant.",
            },
        )
