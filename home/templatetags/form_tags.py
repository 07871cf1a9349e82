"""The filters behind templates/django/forms/field.html, the DSFR markup that Django's form
renderer gives every field (`{{ form }}`, `{{ field.as_field_group }}`)."""

from django import template
from django.forms.boundfield import BoundWidget

register = template.Library()

CHOICE_LIST_WIDGETS = {"radioselect", "checkboxselectmultiple"}
UPLOAD_WIDGETS = {"file", "clearablefile"}


@register.filter
def field_kind(bound_field):
    widget_type = bound_field.widget_type
    if widget_type == "checkbox":
        return "checkbox"
    if widget_type in CHOICE_LIST_WIDGETS:
        return "choice_list"
    if widget_type in UPLOAD_WIDGETS:
        return "upload"
    return "input"


@register.filter
def dsfr_group(bound_field):
    """The DSFR group class around a single control and its label."""
    kind = field_kind(bound_field)
    if kind == "checkbox":
        return "fr-checkbox-group"
    if kind == "upload":
        return "fr-upload-group"
    return "fr-select-group" if bound_field.widget_type == "select" else "fr-input-group"


@register.filter
def dsfr_widget(bound_field):
    """The widget with its DSFR class and the ids of its hint and error messages."""
    widget_type = bound_field.widget_type
    attrs = {}
    if widget_type in {"select", "selectmultiple"}:
        attrs["class"] = "fr-select"
    elif widget_type in UPLOAD_WIDGETS:
        attrs["class"] = "fr-upload"
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


@register.filter
def choice_groups(bound_field):
    """The options of a radio or checkbox list, by group, for the DSFR markup.

    A list of `{"name", "options", "has_checked"}`: one group named None for an ungrouped
    list; for grouped choices (`[(group, [(value, label), …]), …]`, as for <optgroup>), one
    per group. Each option renders as `div.fr-radio-group > input + label` (django-dsfr's
    option templates): the DSFR draws the box from the label, right after the input.
    """
    widget = bound_field.field.widget
    widget_id = widget.attrs.get("id") or bound_field.auto_id
    attrs = bound_field.build_widget_attrs({"id": widget_id} if widget_id else {})
    groups = []
    for name, options, _index in widget.optgroups(
        bound_field.html_name, widget.format_value(bound_field.value()), attrs
    ):
        if name is None and groups and groups[-1]["name"] is None:
            group = groups[-1]
        else:
            group = {"name": name, "options": [], "has_checked": False}
            groups.append(group)
        group["options"] += [
            BoundWidget(widget, option, bound_field.form.renderer) for option in options
        ]
        group["has_checked"] |= any(option["selected"] for option in options)
    return groups
