"""Render any Django form field with the French state design system's markup."""

from django import template

register = template.Library()

CHOICE_LIST_WIDGETS = {"radioselect", "checkboxselectmultiple"}


@register.filter
def field_kind(bound_field):
    widget_type = bound_field.widget_type
    if widget_type == "checkbox":
        return "checkbox"
    if widget_type in CHOICE_LIST_WIDGETS:
        return "choice_list"
    return "input"


@register.filter
def dsfr_widget(bound_field):
    """The widget with its DSFR class and the ids of its hint and error messages."""
    widget_type = bound_field.widget_type
    attrs = {}
    if widget_type in {"select", "selectmultiple"}:
        attrs["class"] = "fr-select"
    elif widget_type not in {"checkbox", *CHOICE_LIST_WIDGETS}:
        attrs["class"] = "fr-input"
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
