"""Logging in to the personal space; restricted documents."""

from playwright.sync_api import expect

from tests.e2e.conftest import COORDINATOR, DEMO_PASSWORD, log_in, settle, visit


def test_coordinator_logs_in_sees_resources_and_logs_out(page):
    visit(page, "/")
    log_in(page, COORDINATOR)
    # Staff land in the Wagtail admin (not checked by axe: Wagtail's markup); back to the site.
    page.wait_for_url("**/admin/")
    visit(page, "/")
    banner = page.get_by_role("banner")
    expect(banner.get_by_role("button", name="Déconnexion")).to_be_visible()
    expect(banner.get_by_role("link", name="Karim Benali")).to_be_visible()

    # The name (« Mon espace ») leads staff to the admin; documents: /espace/ressources/.
    banner.get_by_role("link", name="Karim Benali").click()
    page.wait_for_url("**/admin/")
    visit(page, "/espace/ressources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ressources Documentaires")
    tabs = page.get_by_role("navigation", name="Mon espace personnel")
    expect(tabs.get_by_role("link", name="Ressources Documentaires")).to_have_attribute(
        "aria-current", "page"
    )
    content = page.get_by_role("main")
    expect(content.get_by_role("heading", name="Attestations")).to_be_visible()
    expect(content.get_by_role("heading", name="Kit de communication")).to_be_visible()
    expect(content.get_by_role("link", name="Modèle d'attestation de stage")).to_be_visible()
    expect(content.get_by_role("link", name="Logo DuoDay")).to_be_visible()

    banner.get_by_role("button", name="Déconnexion").click()
    settle(page)
    expect(banner.get_by_role("link", name="Connexion")).to_be_visible()
    expect(banner.get_by_role("button", name="Déconnexion")).to_have_count(0)


def test_wrong_password_shows_french_error(page):
    visit(page, "/")
    log_in(page, COORDINATOR, password="pas-le-bon-mot-de-passe")
    settle(page)  # axe in the error state
    expect(page.get_by_role("alert")).to_contain_text("Adresse e-mail ou mot de passe incorrect.")
    expect(page.get_by_role("banner").get_by_role("link", name="Connexion")).to_be_visible()
    # The right password still works afterwards (one failure does not lock the account).
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/admin/")  # staff land in the Wagtail admin
    visit(page, "/")
    expect(page.get_by_role("banner").get_by_role("button", name="Déconnexion")).to_be_visible()


def test_personal_space_needs_login(page, live_server_url):
    visit(page, "/espace/ressources/")
    expect(page).to_have_url(f"{live_server_url}/connexion/?next=/espace/ressources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à votre espace personnel")


def test_restricted_document_redirects_visitor_to_login(new_page, live_server_url):
    # The coordinator reads the document's address on the personal resources page…
    page = new_page()
    visit(page, "/")
    log_in(page, COORDINATOR)
    visit(page, "/espace/ressources/")
    link = page.get_by_role("link", name="Modèle d'attestation de stage")
    href = link.get_attribute("href")
    assert href.startswith("/documents/"), href
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.suggested_filename.endswith(".pdf")

    # …a visitor following the same address is sent to the login page.
    visitor = new_page()
    visit(visitor, href)
    expect(visitor).to_have_url(f"{live_server_url}/connexion/?next={href}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Connexion à votre espace personnel"
    )
