"""The Wagtail admin: its login page is accessible; the editor reaches the dashboard."""

from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, EDITOR, settle, visit


def test_editor_logs_in_to_admin(page):
    visit(page, "/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_label("Adresse e-mail").fill(EDITOR)
    page.get_by_label("Mot de passe").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("button", name="S'identifier").click()
    settle(page)  # axe in the error state of the admin login page
    expect(page.locator(".messages, .help-critical, [role=alert]").first).to_be_visible()

    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url("**/admin/")
    # Past the login page, the markup is Wagtail's own: no axe check there.
    expect(page.get_by_role("heading", level=1)).to_contain_text("DuoDay")
    expect(page.get_by_text("Élise Martin")).to_be_visible()


def change_contact_phone(page, phone):
    page.goto("/admin/settings/home/contactsettings/")
    page.locator("input[name=phone]").fill(phone)
    page.get_by_role("button", name="Enregistrer").first.click()
    expect(page.locator(".messages").first).to_be_visible()


def test_editor_changes_the_contact_phone_and_sees_it_on_every_page(page):
    visit(page, "/admin/login/")
    page.get_by_label("Adresse e-mail").fill(EDITOR)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url("**/admin/")
    change_contact_phone(page, "01 40 00 00 00")
    try:
        for url in ("/", "/faq/", "/guide-employeurs/", "/contact/"):
            visit(page, url)
            expect(page.locator("#footer")).to_contain_text("01 40 00 00 00")
            expect(page.locator("body")).not_to_contain_text("0 800 386 329")
    finally:
        change_contact_phone(page, "0 800 386 329")
