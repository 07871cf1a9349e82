"""The suite's own safety net: an undefined variable in one of our templates fails."""

import pytest
from django.template import Context, Template
from django.template.base import Origin
from django.template.loader import render_to_string

from tests.strict_templates import REPO_ROOT, VENV_ROOT, UndefinedTemplateVariableError

PROJECT_TEMPLATE = REPO_ROOT / "templates" / "example.html"
PACKAGE_TEMPLATE = VENV_ROOT / "lib" / "site-packages" / "wagtail" / "templates" / "example.html"


def template_at(path, source):
    return Template(source, origin=Origin(name=str(path)))


def test_undefined_variable_in_a_project_template_file_raises():
    with pytest.raises(UndefinedTemplateVariableError, match=r"'value'.*heading_block\.html"):
        render_to_string("home/blocks/heading_block.html", {})


def test_undefined_variable_in_a_project_template_string_raises():
    template = template_at(PROJECT_TEMPLATE, "<p>{{ structure.name }}</p>")

    with pytest.raises(UndefinedTemplateVariableError, match=r"structure\.name"):
        template.render(Context({}))


def test_undefined_variable_with_a_filter_in_a_project_template_raises():
    template = template_at(PROJECT_TEMPLATE, "<p>{{ structure|default:'aucune' }}</p>")

    with pytest.raises(UndefinedTemplateVariableError, match="structure"):
        template.render(Context({}))


def test_undefined_variable_in_a_project_blocktranslate_raises():
    template = template_at(
        PROJECT_TEMPLATE,
        "{% load i18n %}{% blocktranslate %}Bonjour {{ name }}{% endblocktranslate %}",
    )

    with pytest.raises(UndefinedTemplateVariableError, match="name"):
        template.render(Context({}))


def test_defined_variables_render_normally_in_a_project_template():
    template = template_at(PROJECT_TEMPLATE, "<p>{{ name|upper }}</p>")

    assert template.render(Context({"name": "duo"})) == "<p>DUO</p>"


def test_undefined_variable_in_an_installed_package_template_renders_as_django_does():
    template = template_at(
        PACKAGE_TEMPLATE, "<p>{{ missing }}|{{ missing|default:'par défaut' }}</p>"
    )

    assert template.render(Context({})) == "<p>|par défaut</p>"
