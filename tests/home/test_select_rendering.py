"""Selects are written by templates/django/forms/widgets/select.html, whose options come from
the tag `select_options` (home/templatetags/form_tags.py) instead of one include of
select_option.html per option. The markup must stay what Django's select.html with our
select_option.html wrote: the same options, `selected`, optgroups, the French empty choice,
every label and value escaped."""

from pathlib import Path

import django.forms
import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.utils.safestring import mark_safe

from directory.models import Department

DJANGO_SELECT = Path(django.forms.__file__).parent / "templates/django/forms/widgets/select.html"


def rendered(widget, name, value):
    return widget.render(name, value, attrs={"id": f"id_{name}"})


def rendered_by_djangos_select_template(widget, name, value):
    """The select as Django's own select.html writes it: one include per option (of
    templates/django/forms/widgets/select_option.html, ours)."""
    template = engines["django"].from_string(DJANGO_SELECT.read_text())
    context = widget.get_context(name, value, {"id": f"id_{name}"})
    return template.render(context).strip()


def test_a_select_writes_its_options_with_the_french_empty_choice_and_the_selected_one():
    widget = forms.Select(choices=[("", "---------"), ("m", "M"), ("l", "L")])

    assert rendered(widget, "size", "m") == (
        '<select name="size" id="id_size">\n'
        '  <option value="">Sélectionner une option</option>\n\n'
        '  <option value="m" selected>M</option>\n\n'
        '  <option value="l">L</option>\n\n'
        "</select>"
    )


def test_grouped_choices_are_optgroups():
    widget = forms.Select(
        choices=[
            ("", "---------"),
            ("Nord", [("lille", "Lille")]),
            ("Sud", [("nice", "Nice"), ("pau", "Pau")]),
        ]
    )

    assert rendered(widget, "city", "pau") == (
        '<select name="city" id="id_city">\n'
        '  <option value="">Sélectionner une option</option>\n\n'
        '  <optgroup label="Nord">\n'
        '  <option value="lille">Lille</option>\n\n'
        "  </optgroup>\n"
        '  <optgroup label="Sud">\n'
        '  <option value="nice">Nice</option>\n\n'
        '  <option value="pau" selected>Pau</option>\n\n'
        "  </optgroup>\n"
        "</select>"
    )


def test_a_select_multiple_marks_every_chosen_option():
    widget = forms.SelectMultiple(choices=[("a", "A"), ("b", "B"), ("c", "C")])

    assert rendered(widget, "letters", ["a", "c"]) == (
        '<select name="letters" id="id_letters" multiple>\n'
        '  <option value="a" selected>A</option>\n\n'
        '  <option value="b">B</option>\n\n'
        '  <option value="c" selected>C</option>\n\n'
        "</select>"
    )


def test_labels_values_and_group_names_are_escaped():
    widget = forms.Select(
        choices=[
            ('a"&b', "Lui & <moi>"),
            ("Groupe <1> & co", [("x", "<script>alert(1)</script>")]),
        ]
    )

    html = rendered(widget, "who", "x")

    assert '<option value="a&quot;&amp;b">Lui &amp; &lt;moi&gt;</option>' in html
    assert '<optgroup label="Groupe &lt;1&gt; &amp; co">' in html
    assert '<option value="x" selected>&lt;script&gt;alert(1)&lt;/script&gt;</option>' in html
    assert "<script>" not in html


def test_a_label_marked_safe_is_written_as_is():
    widget = forms.Select(choices=[("s", mark_safe("<em>sûr</em>"))])

    assert '<option value="s"><em>sûr</em></option>' in rendered(widget, "safe", None)


def test_option_attributes_are_written_as_attrs_html_writes_them():
    class CodedSelect(forms.Select):
        def create_option(self, *args, **kwargs):
            option = super().create_option(*args, **kwargs)
            option["attrs"].update({"data-code": f"<{option['value']}>", "hidden": False})
            return option

    html = rendered(CodedSelect(choices=[("x", "X")]), "coded", "x")

    assert '<option value="x" selected data-code="&lt;x&gt;">X</option>' in html


@pytest.mark.django_db
def test_a_model_choice_field_starts_with_the_french_empty_choice():
    class DepartmentForm(forms.Form):
        department = forms.ModelChoiceField(
            queryset=Department.objects.filter(code__in=["2A", "2B"]), required=False
        )

    corse_du_sud = Department.objects.get(code="2A")
    html = str(DepartmentForm({"department": corse_du_sud.pk})["department"])

    assert html == (
        '<select name="department" id="id_department">\n'
        '  <option value="">Sélectionner une option</option>\n\n'
        f'  <option value="{corse_du_sud.pk}" selected>2A – Corse-du-Sud</option>\n\n'
        f'  <option value="{Department.objects.get(code="2B").pk}">2B – Haute-Corse</option>\n\n'
        "</select>"
    )
    assert "---------" not in html


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=[("", "---------"), ("m", "M & L"), (3, 1.5)]), 3),
        (
            forms.Select(choices=[("", "Tous"), ("Nord <&>", [("l", "Lille"), ("r", "Roubaix")])]),
            "r",
        ),
        (forms.SelectMultiple(attrs={"required": True, "data-n": 0}), None),
        (forms.SelectMultiple(choices=[("a", "A"), ("b", "<B>")]), ["a", "b"]),
        (forms.NullBooleanSelect(), True),
        (forms.Select(choices=[((1, 2), "Un tuple"), (None, "Rien")]), None),
    ],
)
def test_the_select_is_the_one_djangos_template_with_an_include_per_option_writes(widget, value):
    assert rendered(widget, "field", value) == rendered_by_djangos_select_template(
        widget, "field", value
    )


def test_an_option_with_a_template_of_its_own_is_still_written_by_it():
    class InputOptions(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = InputOptions(choices=[("x", "X")])

    html = rendered(widget, "other", "x")

    assert "<label" in html
    assert "<option" not in html
    assert html == rendered_by_djangos_select_template(widget, "other", "x")


def test_the_form_renderer_uses_the_projects_select_template():
    template = get_default_renderer().get_template("django/forms/widgets/select.html")

    assert "select_options" in Path(template.origin.name).read_text()
