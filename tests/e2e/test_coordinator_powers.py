"""The coordinators' powers on the directory, in the browser: a coordinator refuses the
pending SA with a reason; its referent is told why, and the address and the SIRET register
again (the demo's pending SA is back as it was, for the other browser tests)."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import (
    COORDINATOR,
    DEMO_PASSWORD,
    check_axe,
    choose,
    log_in,
    settle,
    visit,
)
from tests.e2e.test_account_flows import (
    PASSWORD,
    PASSWORD_CONFIRMATION,
    PENDING_SA,
    link_path,
    read_mail,
)

REASON = "Nous n’avons pas pu joindre la structure pour vérifier son inscription."
# Wagtail's own markup around our page (its sidebar and its header's breadcrumb) is not
# ours to change: axe checks the page's content, our template.
WAGTAIL_CHROME = ["aside", "#wagtail-sidebar", ".w-breadcrumbs", ".w-header__cell"]


def admin_log_in(page):
    page.goto("/admin/")
    page.get_by_label("Adresse e-mail").fill(COORDINATOR)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url("**/admin/")


def register_again(page, siret):
    """IME Les Tilleuls registers again, with the refused address and SIRET."""
    visit(page, "/inscription/")
    choose(page, "Structure accompagnante")
    page.get_by_label(re.compile("^Raison sociale")).fill("IME Les Tilleuls")
    page.get_by_label(re.compile("^SIRET")).fill(siret)
    page.get_by_label(re.compile("^Type de structure")).select_option(label="IME")
    page.get_by_label(re.compile("^Adresse \\*")).fill("5 allée des Tilleuls")
    page.get_by_label(re.compile("^Code postal")).fill("93100")
    page.get_by_label(re.compile("^Commune")).fill("Montreuil")
    page.get_by_label(re.compile("^Téléphone de la structure")).fill("01 48 00 00 00")
    departments = page.locator("#id_served_departments-fieldset")
    region = departments.get_by_role("button", name="Île-de-France")
    region.focus()
    page.keyboard.press("Enter")
    expect(region).to_have_attribute("aria-expanded", "true")
    seine_saint_denis = page.get_by_label("93 – Seine-Saint-Denis", exact=True)
    seine_saint_denis.focus()
    page.keyboard.press("Space")
    expect(seine_saint_denis).to_be_checked()
    page.get_by_label(re.compile("^Prénom du référent")).fill("Paul")
    page.get_by_label(re.compile("^Nom du référent")).fill("Roux")
    page.get_by_label(re.compile("^Adresse e-mail du référent")).fill(PENDING_SA)
    page.get_by_label(re.compile("^Téléphone du référent")).fill("06 48 00 00 00")
    page.get_by_label(re.compile("^Fonction")).fill("Éducateur")
    page.get_by_label(PASSWORD).fill(DEMO_PASSWORD)
    page.get_by_label(PASSWORD_CONFIRMATION).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="S’inscrire").click()
    settle(page)
    errors = page.locator(".fr-error-text, .fr-alert").all_inner_texts()
    assert page.get_by_role("heading", level=1).inner_text() == "Inscription enregistrée", errors


def test_coordinator_refuses_the_pending_support_structure(new_page, mail_dir):
    coordinator = new_page()
    admin_log_in(coordinator)
    expect(coordinator.locator('[data-figure="support_to_validate"]')).not_to_have_text("0")
    coordinator.get_by_role("button", name="DuoDay").click()
    coordinator.get_by_role("link", name="Structures", exact=True).click()
    coordinator.wait_for_load_state("load")
    row = coordinator.get_by_role("row").filter(has_text="IME Les Tilleuls")
    row.hover()
    row.get_by_role("link", name="Refuser").click()
    coordinator.wait_for_load_state("load")
    check_axe(coordinator, exclude=WAGTAIL_CHROME)
    expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Refuser l’inscription")
    expect(coordinator.get_by_role("main")).to_contain_text(PENDING_SA)
    siret = coordinator.locator("dt:has-text('SIRET') + dd").inner_text().strip()

    # Without a reason: the error beside the field, nothing done.
    coordinator.get_by_role("button", name="Refuser l’inscription").click()
    settle(coordinator, exclude=WAGTAIL_CHROME)  # axe in the error state
    reason = coordinator.get_by_label("Motif")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(coordinator.get_by_role("main")).to_contain_text(
        "Indiquez le motif : il est envoyé par e-mail."
    )

    reason.fill(REASON)
    coordinator.get_by_role("button", name="Refuser l’inscription").click()
    coordinator.wait_for_load_state("load")
    expect(coordinator.locator(".messages")).to_contain_text(
        "Inscription de « IME Les Tilleuls » refusée ; ses référents sont prévenus."
    )
    expect(coordinator.get_by_role("row").filter(has_text="IME Les Tilleuls")).to_have_count(0)

    # The referent is told why.
    refusal = read_mail(mail_dir, PENDING_SA)
    assert "n'a pas été retenue" in refusal["Subject"]
    assert REASON in refusal.get_content()

    # The address and the SIRET are free: the structure registers again, as it was.
    visitor = new_page()
    register_again(visitor, siret)
    confirmation = read_mail(mail_dir, PENDING_SA)
    assert "Confirmez votre adresse e-mail" in confirmation["Subject"]
    visit(visitor, link_path(confirmation, r"^/inscription/confirmer/"))
    visit(visitor, "/")
    log_in(visitor, PENDING_SA)
    settle(visitor)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Structure en attente de validation"
    )
