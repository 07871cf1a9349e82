"""The filters behind templates/django/forms/field.html, the DSFR markup that Django's form
renderer gives every field (`{{ form }}`, `{{ field.as_field_group }}`), and the options of
templates/django/forms/widgets/select.html."""

from django import template
from django.forms.boundfield import BoundWidget
from django.template.base import render_value_in_context
from django.template.defaultfilters import stringformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext

register = template.Library()

SELECT_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
# Django's empty choice of a select (`BLANK_CHOICE_DASH`, ModelChoiceField's `empty_label`).
DJANGO_EMPTY_LABEL = "---------"

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


def _text(value, context):
    """`{{ value }}`: render_value_in_context, whose localisation leaves a str as it is."""
    if isinstance(value, str):
        return conditional_escape(value) if context.autoescape else value
    return render_value_in_context(value, context)


def _string(value, context):
    """`{{ value|stringformat:'s' }}`: the value as a string, escaped unless it was safe."""
    if isinstance(value, str):
        return _text(value, context)
    text = stringformat(value, "s")
    if isinstance(value, SafeData):
        text = mark_safe(text)  # stringformat is is_safe: safe text stays safe
    return _text(text, context)


def _attrs(attrs, context):
    """What django/forms/widgets/attrs.html writes: ` name="value"`, ` name` for True,
    nothing for False, in the attributes' order."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(" ")
        parts.append(_text(name, context))
        if value is not True:
            parts += ['="', _string(value, context), '"']
    return "".join(parts)


def _option(option, context):
    """What templates/django/forms/widgets/select_option.html writes for one option."""
    label = option["label"]
    if label == DJANGO_EMPTY_LABEL:
        label = gettext("Sélectionner une option")
    return "".join(
        (
            '<option value="',
            _string(option["value"], context),
            '"',
            _attrs(option["attrs"], context),
            ">",
            _text(label, context),
            "</option>\n",
        )
    )


@register.simple_tag(takes_context=True)
def select_options(context, widget):
    """The options (and optgroups) of a select, as Django's select.html writes them, each
    option written here rather than by one template include per option (a select of the
    101 departments cost 101 includes of select_option.html and as many of attrs.html).

    The markup is the same, character for character: each option as
    templates/django/forms/widgets/select_option.html writes it (Django's empty choice
    « --------- » worded « Sélectionner une option »); an option with another template
    (a widget's own `option_template_name`) is still rendered by that template.
    """
    parts = []
    engine = context.template.engine
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts += ['\n  <optgroup label="', _text(group_name, context), '">']
        for option in group_choices:
            parts.append("\n  ")
            if option["template_name"] == SELECT_OPTION_TEMPLATE:
                parts.append(_option(option, context))
            else:
                with context.push(widget=option):
                    parts.append(engine.get_template(option["template_name"]).render(context))
        if group_name:
            parts.append("\n  </optgroup>")
    return mark_safe("".join(parts))  # every value above is escaped
