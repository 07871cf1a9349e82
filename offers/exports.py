"""What the personal space exports: an employer's offers, an SA's duos, as table rows.

Each table is a list of French column headers and a generator of rows. The rows are read
with `iterator(chunk_size=CHUNK_SIZE)`: related rows (interested SAs, the duo) are
prefetched once per chunk, so that 100,000 offers never sit in memory at once and the
number of queries grows with the number of chunks, never with the number of rows.
The writers (portal/spreadsheet_downloads.py) protect every cell against formulas.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from offers.models import Duo, Interest

CHUNK_SIZE = 2000


def _full_name(user):
    return user.get_full_name() if user is not None else ""


def _active_duo(offer):
    return offer.active_duos[0] if offer.active_duos else None


def _offer_columns():
    return [
        (_("Édition"), lambda offer: offer.edition.year),
        (_("Intitulé du poste"), lambda offer: offer.title),
        (_("État"), lambda offer: offer.get_status_display()),
        (_("Date"), lambda offer: offer.date),
        (_("Horaires"), lambda offer: offer.schedule),
        (_("Modalité"), lambda offer: offer.get_modality_display()),
        (_("Secteur d'activité"), lambda offer: offer.get_sector_display()),
        (_("Description des missions"), lambda offer: offer.description),
        (_("Adresse"), lambda offer: offer.address),
        (_("Code postal"), lambda offer: offer.postcode),
        (_("Commune"), lambda offer: offer.commune),
        (_("Département"), lambda offer: offer.department),
        (_("Accessibilité du lieu"), lambda offer: offer.accessibility),
        (_("Référent de l'offre"), lambda offer: _full_name(offer.referent)),
        (_("E-mail du référent"), lambda offer: offer.referent.email),
        (_("Nombre de structures intéressées"), lambda offer: len(offer.interests.all())),
        (
            _("Structures accompagnantes intéressées"),
            lambda offer: ", ".join(interest.structure.name for interest in offer.interests.all()),
        ),
        (
            _("Duo : structure accompagnante"),
            lambda offer: getattr(_active_duo(offer), "structure", None),
        ),
        (_("Duo : personne"), lambda offer: getattr(_active_duo(offer), "person_name", None)),
        (_("Duo constitué le"), lambda offer: getattr(_active_duo(offer), "created_at", None)),
        (_("Offre créée le"), lambda offer: offer.created_at),
    ]


def offer_table(offers):
    """The headers and rows of an employer's offers: status, interested SAs, duo."""
    columns = _offer_columns()
    offers = offers.select_related("edition", "department", "referent").prefetch_related(
        Prefetch(
            "interests",
            queryset=Interest.objects.select_related("structure").order_by("created_at", "pk"),
        ),
        Prefetch(
            "duos", queryset=Duo.objects.active().select_related("structure"), to_attr="active_duos"
        ),
    )
    rows = (
        [value(offer) for _header, value in columns]
        for offer in offers.iterator(chunk_size=CHUNK_SIZE)
    )
    return [header for header, _value in columns], rows


def _duo_columns():
    return [
        (_("Édition"), lambda duo: duo.offer.edition.year),
        (_("Prénom de la personne"), lambda duo: duo.person_first_name),
        (_("Nom de la personne"), lambda duo: duo.person_last_name),
        (_("Intitulé du poste"), lambda duo: duo.offer.title),
        (_("Employeur"), lambda duo: duo.offer.structure),
        (_("Date"), lambda duo: duo.offer.date),
        (_("Horaires"), lambda duo: duo.offer.schedule),
        (_("Modalité"), lambda duo: duo.offer.get_modality_display()),
        (_("Adresse"), lambda duo: duo.offer.address),
        (_("Code postal"), lambda duo: duo.offer.postcode),
        (_("Commune"), lambda duo: duo.offer.commune),
        (_("Département"), lambda duo: duo.offer.department),
        (_("Accessibilité du lieu"), lambda duo: duo.offer.accessibility),
        (_("Référent de l'offre"), lambda duo: _full_name(duo.offer.referent)),
        (_("E-mail du référent"), lambda duo: duo.offer.referent.email),
        (_("Téléphone du référent"), lambda duo: duo.offer.referent.phone),
        (_("Duo constitué le"), lambda duo: duo.created_at),
        (_("Constitué par"), lambda duo: _full_name(duo.created_by)),
    ]


def duo_table(duos):
    """The headers and rows of an SA's duos: the person, the offer, the employer."""
    columns = _duo_columns()
    duos = duos.select_related(
        "created_by",
        "offer__edition",
        "offer__structure",
        "offer__department",
        "offer__referent",
    )
    rows = (
        [value(duo) for _header, value in columns] for duo in duos.iterator(chunk_size=CHUNK_SIZE)
    )
    return [header for header, _value in columns], rows
