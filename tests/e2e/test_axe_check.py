"""The accessibility check itself: it must fail on a page that breaks WCAG rules."""

import pytest

from tests.e2e.conftest import check_axe

BROKEN_PAGE = """<!DOCTYPE html>
<html><head><title>Page cassée</title></head>
<body><main>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <input type="text" name="nom">
  <p style="color:#ddd;background:#fff">Texte peu contrasté</p>
</main></body></html>"""


def test_check_axe_reports_violations(page):
    page.set_content(BROKEN_PAGE)
    with pytest.raises(AssertionError) as failure:
        check_axe(page)
    report = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "label", "color-contrast"):
        assert f"- {rule} (" in report, report


def test_check_axe_exclude_only_skips_the_given_selector(page):
    page.set_content(BROKEN_PAGE.replace("<html>", '<html lang="fr">'))
    with pytest.raises(AssertionError) as failure:
        check_axe(page, exclude=["img"])
    report = str(failure.value)
    assert "image-alt" not in report, report
    assert "- label (" in report, report
