"""The French catalogue (locale/fr): French plural forms for every count the portal shows,
and wagtail-modeladmin's messages worded to suit any model name."""

import ast
import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode
from django.utils import translation

from tests.strict_templates import REPO_ROOT

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES"
PLURAL_FUNCTIONS = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}


def _template_plurals():
    engine = engines["django"].engine
    for path in sorted((REPO_ROOT / "templates").rglob("*.*")):
        template = engine.get_template(str(path.relative_to(REPO_ROOT / "templates")))
        for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
            if node.plural and node.countervar:
                singular, _vars = node.render_token_list(node.singular)
                plural, _vars = node.render_token_list(node.plural)
                context = node.message_context.resolve({}) if node.message_context else None
                yield path.name, context, singular, plural


def _python_plurals():
    for path in sorted(REPO_ROOT.glob("*/**/*.py")):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in PLURAL_FUNCTIONS:
                continue
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant)]
            if name.startswith("np"):
                yield path.name, texts[0], texts[1], texts[2]
            else:
                yield path.name, None, texts[0], texts[1]


PLURAL_MESSAGES = list(_template_plurals()) + list(_python_plurals())


def test_the_portal_has_plural_messages_to_check():
    assert len(PLURAL_MESSAGES) >= 4


@pytest.mark.parametrize(
    ("source", "context", "singular", "plural"),
    PLURAL_MESSAGES,
    ids=[f"{source}: {singular}" for source, _context, singular, _plural in PLURAL_MESSAGES],
)
def test_every_plural_message_follows_the_french_rule(source, context, singular, plural):
    with translation.override("fr"):
        if context is None:
            forms = [translation.ngettext(singular, plural, count) for count in (0, 1, 2)]
        else:
            forms = [translation.npgettext(context, singular, plural, c) for c in (0, 1, 2)]

    assert forms == [singular, singular, plural], (
        f"{source}: add « {singular} » to locale/fr/LC_MESSAGES/django.po and compile it"
    )


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is missing")
def test_compiled_catalogue_matches_its_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE / "django.po")], check=True
    )

    def messages(path):
        with path.open("rb") as catalogue:
            return gettext.GNUTranslations(catalogue)._catalog

    assert messages(compiled) == messages(CATALOGUE / "django.mo")


@pytest.mark.parametrize(
    ("message", "name", "french"),
    [
        ("Add %(object)s", "édition", "Ajouter : édition"),
        ("Inspect this %(object)s", "offre", "Inspecter : offre"),
        ("Editing %(object)s", "édition", "Modification : édition"),
        ("Search %(name)s", "offres", "Rechercher parmi les offres"),
        (
            "No %(name)s have been created yet.",
            "duos",
            "La liste des duos est vide pour l’instant.",
        ),
    ],
)
def test_modeladmin_messages_read_well_with_any_name(message, name, french):
    with translation.override("fr"):
        worded = translation.gettext(message) % {"object": name, "name": name}

    assert worded == french


def test_back_to_list_leaves_the_name_out():
    with translation.override("fr"):
        assert translation.gettext("Back to %(model_name)s list") == "Retour à la liste"
