"""Demo logins for `seed_demo`. Never used in production."""

from django.contrib.auth.models import Group

from directory.models import User
from directory.roles import COORDINATION, EDITORS

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
