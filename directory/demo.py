"""Demo logins for `seed_demo`. Never used in production."""

from django.contrib.auth.models import Group

from directory.models import User
from directory.roles import COORDINATION, EDITORS
from directory.validators import siret_for

DEMO_PASSWORD = "DuoDay-demo-2026"


def demo_user(email, first_name, last_name, groups=(), **fields):
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **fields}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def seed_staff():
    """An editor (communication team) and a coordinator (DuoDay team)."""
    return [
        ("Éditrice (site public)", demo_user("editrice@duoday.fr", "Élise", "Martin", [EDITORS])),
        ("Coordinateur", demo_user("coordination@duoday.fr", "Karim", "Benali", [COORDINATION])),
    ]


DEMO_STRUCTURES = [
    # (kind, name, type, address, postcode, commune, served departments, validated)
    (
        "employer",
        "Boulangerie Duval",
        "entreprise_privee",
        "12 rue de la Paix",
        "75002",
        "Paris",
        [],
        True,
    ),
    (
        "employer",
        "Mairie de Lyon",
        "employeur_public",
        "1 place de la Comédie",
        "69001",
        "Lyon",
        [],
        True,
    ),
    (
        "support",
        "ESAT Les Ateliers de Paris",
        "esat",
        "8 rue des Lilas",
        "75019",
        "Paris",
        ["75", "92", "93"],
        True,
    ),
    (
        "support",
        "Cap Emploi Paris",
        "cap_emploi",
        "20 boulevard Voltaire",
        "75011",
        "Paris",
        ["75"],
        True,
    ),
    (
        "support",
        "Mission locale de Lyon",
        "mission_locale",
        "3 rue Garibaldi",
        "69003",
        "Lyon",
        ["69"],
        True,
    ),
    (
        "support",
        "IME Les Tilleuls",
        "ime",
        "5 allée des Tilleuls",
        "93100",
        "Montreuil",
        ["93"],
        False,
    ),
    # Serves only the Bouches-du-Rhône: sees the remote offers of Paris all the same.
    (
        "support",
        "Cap Emploi Bouches-du-Rhône",
        "cap_emploi",
        "45 La Canebière",
        "13001",
        "Marseille",
        ["13"],
        True,
    ),
]

DEMO_REFERENTS = {
    "Boulangerie Duval": [("employeur@duoday.fr", "Claire", "Duval", "Gérante")],
    "Mairie de Lyon": [("employeur.lyon@duoday.fr", "Hugo", "Bernard", "Chargé RH")],
    "ESAT Les Ateliers de Paris": [("sa@duoday.fr", "Nadia", "Haddad", "Chargée d'insertion")],
    "Cap Emploi Paris": [("capemploi@duoday.fr", "Louis", "Petit", "Conseiller")],
    "Mission locale de Lyon": [("sa.lyon@duoday.fr", "Inès", "Moreau", "Conseillère")],
    "IME Les Tilleuls": [("sa.attente@duoday.fr", "Paul", "Roux", "Éducateur")],
    "Cap Emploi Bouches-du-Rhône": [("sa.marseille@duoday.fr", "Yasmine", "Garcia", "Conseillère")],
}


def seed_structures():
    from django.utils import timezone

    from directory.departments import department_code_for_postcode
    from directory.models import Department, ModificationRequest, Structure

    logins = []
    for index, (
        kind,
        name,
        structure_type,
        address,
        postcode,
        commune,
        served,
        validated,
    ) in enumerate(DEMO_STRUCTURES):
        structure, created = Structure.objects.get_or_create(
            kind=kind,
            name=name,
            defaults={
                "siret": siret_for(f"{88000000 + index:08d}"),
                "structure_type": structure_type,
                "address": address,
                "postcode": postcode,
                "commune": commune,
                "department": Department.objects.get(code=department_code_for_postcode(postcode)),
                "phone": f"01 23 45 67 8{index}",
                "email": f"contact{index}@exemple.fr",
                "validated_at": timezone.now() if validated else None,
            },
        )
        if created and served:
            structure.served_departments.set(Department.objects.filter(code__in=served))
        for email, first_name, last_name, job_title in DEMO_REFERENTS[name]:
            referent = demo_user(
                email,
                first_name,
                last_name,
                structure=structure,
                job_title=job_title,
                phone=f"06 12 34 56 7{index}",
                email_confirmed_at=timezone.now(),
            )
            label = structure.get_kind_display()
            if not validated:
                label += " (en attente de validation)"
            logins.append((f"{label} — {name}", referent))
    employer = Structure.objects.get(name="Boulangerie Duval")
    if not employer.modification_requests.exists():
        ModificationRequest.objects.create(
            structure=employer,
            author=employer.referents.first(),
            message="Notre raison sociale a changé : « Boulangerie Duval & Fils ».",
        )
    return logins
