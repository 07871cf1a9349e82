import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.models import Department
from offers.enums import Modality, OfferStatus, Sector
from offers.models import Edition, Offer
from offers.search import search_offers


class OfferFilter(django_filters.FilterSet):
    """The « Offres » filters. `editions`: the Edition objects to choose from (employers,
    whose offers span several editions); without it, no edition filter."""

    edition = django_filters.ChoiceFilter(
        label=_("Édition"), choices=[], empty_label=_("Toutes les éditions")
    )
    q = django_filters.CharFilter(label=_("Recherche"), method="search_text")
    status = django_filters.ChoiceFilter(
        label=_("État"), choices=OfferStatus.choices, empty_label=_("Tous les états")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Département"),
        queryset=Department.objects.all(),
        empty_label=_("Tous les départements"),
    )
    modality = django_filters.ChoiceFilter(
        label=_("Modalité"), choices=Modality.choices, empty_label=_("Toutes")
    )
    sector = django_filters.ChoiceFilter(
        label=_("Secteur d'activité"), choices=Sector.choices, empty_label=_("Tous les secteurs")
    )

    class Meta:
        model = Offer
        fields = ["edition", "q", "status", "department", "modality", "sector"]

    def __init__(self, *args, departments=None, statuses=None, editions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if editions is None:
            del self.filters["edition"]
        else:
            self.filters["edition"].extra["choices"] = [
                (edition.pk, str(edition)) for edition in editions
            ]
        if departments is not None:
            self.filters["department"].queryset = departments
        if statuses is not None:
            self.filters["status"].extra["choices"] = [
                (status.value, status.label) for status in statuses
            ]

    def search_text(self, queryset, name, value):
        return search_offers(queryset, value)


def employer_offer_filter(data, structure, queryset):
    """The employer's « Offres » filters (its list and its export): the department choices
    are those of its own offers; the current edition until another one (or « Toutes les
    éditions », an empty value) is chosen."""
    own_offers = Offer.objects.for_employer(structure)
    departments = Department.objects.filter(pk__in=own_offers.values("department_id"))
    editions = list(
        Edition.objects.filter(Q(is_current=True) | Q(pk__in=own_offers.values("edition_id")))
    )
    return OfferFilter(
        _current_edition_by_default(data or {}, editions),
        queryset=queryset,
        departments=departments,
        editions=editions,
    )


def _current_edition_by_default(query, editions):
    current = next((edition for edition in editions if edition.is_current), None)
    if "edition" in query or current is None:
        return query or None
    query = query.copy()
    query["edition"] = str(current.pk)
    return query
