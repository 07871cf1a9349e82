import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from directory.enums import SUPPORT_TYPES
from directory.models import Department, Structure


class SupportDirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nom de la structure"), method="search_name")
    department = django_filters.ModelChoiceFilter(
        label=_("Département"),
        field_name="served_departments",
        queryset=Department.objects.none(),
        empty_label=_("Tous les départements"),
    )
    structure_type = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=[(t.value, t.label) for t in SUPPORT_TYPES],
        empty_label=_("Tous les types"),
    )

    class Meta:
        model = Structure
        fields = ["q", "department", "structure_type"]

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].queryset = departments

    def search_name(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(commune__icontains=value))
