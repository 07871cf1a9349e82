"""The public site as a visitor browses it: menu, footer, FAQ, contact form, resources."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import check_axe, screenshot, settle, visit

MAIN_MENU = [
    "L'opération",
    "Actualités",
    "Foire aux questions",
    "Guide employeurs",
    "Ressources",
    "Contact",
]
# Django's « Ce champ est obligatoire. » as Wagtail's French catalogue words it.
REQUIRED = re.compile(r"Champ requis\.|Ce champ est obligatoire\.")
FOOTER_LINKS = [
    ("Accessibilité : partiellement conforme", "Accessibilité"),
    ("Mentions légales", "Mentions légales"),
    ("Données personnelles", "Données personnelles"),
]


def main_menu(page):
    return page.get_by_role("navigation", name="Menu principal")


def test_home_page(page):
    visit(page, "/")
    expect(page).to_have_title(re.compile("DuoDay"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("DuoDay")
    expect(page.get_by_role("banner").get_by_role("link", name="Connexion")).to_be_visible()
    menu = main_menu(page)
    for title in MAIN_MENU:
        expect(menu.get_by_role("link", name=title, exact=True)).to_be_visible()
    screenshot(page, "home.png")


def test_every_main_menu_page(page):
    visit(page, "/")
    for title in MAIN_MENU:
        main_menu(page).get_by_role("link", name=title, exact=True).click()
        settle(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        current = main_menu(page).get_by_role("link", name=title, exact=True)
        expect(current).to_have_attribute("aria-current", "page")


def test_footer_links(page):
    visit(page, "/")
    for link_name, heading in FOOTER_LINKS:
        page.get_by_role("contentinfo").get_by_role("link", name=link_name).click()
        settle(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_news_article(page):
    visit(page, "/")
    main_menu(page).get_by_role("link", name="Actualités").click()
    settle(page)
    page.get_by_role("link", name="DuoDay 2026 : les inscriptions sont ouvertes").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "DuoDay 2026 : les inscriptions sont ouvertes"
    )
    page.get_by_role("link", name="Toutes les actualités").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Actualités")


def test_faq_accordion(page):
    visit(page, "/")
    main_menu(page).get_by_role("link", name="Foire aux questions").click()
    settle(page)
    question = page.get_by_role("button", name="J'ai beaucoup d'offres à inscrire", exact=False)
    answer = page.get_by_text(
        "Oui. Onglet « Offres » → Cliquez sur « Importer des offres »", exact=False
    )
    expect(question).to_have_attribute("aria-expanded", "false")
    expect(answer).to_be_hidden()
    question.click()
    expect(question).to_have_attribute("aria-expanded", "true")
    expect(answer).to_be_visible()
    expect(page.locator(".fr-collapse--expanded")).to_have_count(1)
    settle(page)  # axe with a question open
    screenshot(page, "faq.png")


def test_contact_form(page, mail_dir):
    visit(page, "/")
    main_menu(page).get_by_role("link", name="Contact").click()
    settle(page)
    page.get_by_role("button", name="Envoyer").click()
    settle(page)  # axe in the error state
    errors = page.locator(".fr-message--error")
    expect(errors.first).to_be_visible()
    expect(errors).to_have_count(4)  # every required field: name, e-mail, subject, message
    expect(errors.first).to_have_text(REQUIRED)
    name = page.get_by_label("Nom et prénom")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(REQUIRED)

    name.fill("Camille Durand")
    page.get_by_label("Adresse e-mail").fill("pas-une-adresse")
    page.get_by_label("Objet").fill("Inscription")
    page.get_by_label("Message").fill("Bonjour, comment inscrire notre entreprise ?")
    page.get_by_role("button", name="Envoyer").click()
    settle(page)
    email = page.get_by_label("Adresse e-mail")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("adresse de courriel valide"))

    email.fill("camille.durand@example.fr")
    page.get_by_role("button", name="Envoyer").click()
    settle(page)
    expect(page.get_by_text("Votre message a bien été envoyé")).to_be_visible()
    sent = [path.read_text() for path in mail_dir.iterdir()]
    assert any("Camille Durand" in mail for mail in sent), sent


def test_public_resources(page):
    visit(page, "/")
    main_menu(page).get_by_role("link", name="Ressources").click()
    settle(page)
    content = page.get_by_role("main")
    expect(content.get_by_role("link", name="Logo DuoDay")).to_be_visible()
    expect(content.get_by_role("link", name="Flyer DuoDay")).to_be_visible()
    expect(content.get_by_text("Modèle d'attestation de stage")).to_have_count(0)
    expect(content.get_by_text("réservés aux référents")).to_be_visible()
    screenshot(page, "ressources.png")


def test_mobile_menu(page):
    page.set_viewport_size({"width": 375, "height": 800})
    visit(page, "/")
    menu_button = page.get_by_role("button", name="Menu", exact=True)
    expect(main_menu(page)).to_be_hidden()
    menu_button.click()
    expect(main_menu(page)).to_be_visible()
    check_axe(page)  # with the menu dialog open
    main_menu(page).get_by_role("link", name="Foire aux questions").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Foire aux questions")
