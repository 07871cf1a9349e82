"""What a person sees: every radio and checkbox visible, the departments an SA covers as
checkboxes by region, remote offers seen from every department, each open offer's public
page, and the « Offres » list on a phone.

Each test adds the offers it changes, with a unique title, and only reads the demo data.
"""

import re
import uuid

from playwright.sync_api import expect

from tests.e2e.conftest import (
    check_axe,
    choice_controls,
    choose,
    log_in,
    screenshot,
    settle,
    visit,
)

EMPLOYER = "employeur@duoday.fr"
SA_PARIS = "sa@duoday.fr"  # ESAT Les Ateliers de Paris: 75, 92, 93
SA_MARSEILLE = "sa.marseille@duoday.fr"  # Cap Emploi Bouches-du-Rhône: 13 only
PHONE = {"width": 375, "height": 812}


def tab(page, label):
    return page.get_by_role("navigation", name="Mon espace personnel").get_by_role(
        "link", name=label, exact=True
    )


def logged_in(new_page, email):
    page = new_page()
    visit(page, "/")
    log_in(page, email)
    settle(page)
    return page


def assert_every_choice_is_seen(page, rendered):
    controls = choice_controls(page)
    assert controls["unseen"] == [], f"{page.url}: invisible choices {controls['unseen']}"
    assert controls["rendered"] == rendered


# Radios and checkboxes


def test_every_radio_and_checkbox_of_the_registration_form_is_visible(page):
    visit(page, "/inscription/")
    departments = page.locator("#id_served_departments-fieldset")
    # « Vous êtes » only: the departments wait for « Structure accompagnante ».
    expect(departments).to_be_hidden()
    assert_every_choice_is_seen(page, rendered=2)

    choose(page, "Employeur")
    expect(departments).to_be_hidden()
    choose(page, "Structure accompagnante")
    expect(departments).to_be_visible()

    # Every region opens from the keyboard; then its departments are seen too.
    regions = departments.get_by_role("button")
    expect(regions).to_have_count(18)
    for index in range(regions.count()):
        regions.nth(index).focus()
        page.keyboard.press("Enter")
        expect(regions.nth(index)).to_have_attribute("aria-expanded", "true")
    check_axe(page)
    assert_every_choice_is_seen(page, rendered=2 + 101)

    # A department is ticked from the keyboard.
    bouches_du_rhone = page.get_by_label("13 – Bouches-du-Rhône")
    bouches_du_rhone.focus()
    page.keyboard.press("Space")
    expect(bouches_du_rhone).to_be_checked()
    screenshot(page, "inscription_sa.png")

    page.get_by_role("button", name="S’inscrire").click()
    settle(page)  # axe in the error state
    expect(page.get_by_label("Structure accompagnante", exact=True)).to_be_checked()
    expect(departments).to_be_visible()
    # The region holding the ticked department is open again, its choice kept.
    expect(departments.get_by_role("button", name="Provence-Alpes-Côte d'Azur")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(page.get_by_label("13 – Bouches-du-Rhône")).to_be_checked()
    assert_every_choice_is_seen(page, rendered=2 + 6)


def test_every_radio_of_the_offer_form_is_visible(new_page):
    page = logged_in(new_page, EMPLOYER)
    tab(page, "Offres").click()
    settle(page)
    page.get_by_role("link", name="Ajouter une offre").click()
    settle(page)
    assert_every_choice_is_seen(page, rendered=2)
    screenshot(page, "offer_form.png")

    page.get_by_role("button", name="Valider").click()
    settle(page)  # axe in the error state
    assert_every_choice_is_seen(page, rendered=2)


def test_filters_have_no_hidden_choice(new_page):
    page = logged_in(new_page, SA_PARIS)
    for url in ["/espace/offres/", "/offres/"]:
        visit(page, url)
        assert choice_controls(page)["unseen"] == []
        # « Filtrer » stands apart from the field above it.
        last_field = page.get_by_role("search").locator(".fr-select").last
        button = page.get_by_role("button", name="Filtrer")
        assert button.bounding_box()["y"] >= (
            last_field.bounding_box()["y"] + last_field.bounding_box()["height"] + 8
        )


# Remote offers


def test_an_sa_in_marseille_sees_and_answers_a_remote_offer_from_paris(new_page):
    title = f"Assistant·e administratif·ve {uuid.uuid4().hex[:6]}"
    employer = logged_in(new_page, EMPLOYER)
    tab(employer, "Offres").click()
    settle(employer)
    employer.get_by_role("link", name="Ajouter une offre").click()
    settle(employer)
    employer.get_by_label(re.compile("^Intitulé du poste")).fill(title)
    employer.get_by_label(re.compile("^Description des missions")).fill(
        "Classer les commandes et répondre aux courriels des clients, depuis chez soi."
    )
    employer.get_by_label(re.compile("^Secteur d'activité")).select_option(
        label="Services aux entreprises, support, gestion"
    )
    employer.get_by_label(re.compile(r"^Adresse \*")).fill("12 rue de la Paix")
    employer.get_by_label(re.compile("^Code postal")).fill("75002")
    employer.get_by_label(re.compile("^Commune")).fill("Paris")
    choose(employer, "Distanciel")
    employer.get_by_role("button", name="Valider").click()
    settle(employer)
    expect(employer.get_by_role("heading", level=1)).to_have_text(title)

    sa = logged_in(new_page, SA_MARSEILLE)
    tab(sa, "Offres").click()
    settle(sa)
    sa.get_by_label(re.compile("^Modalité")).select_option(label="Distanciel")
    sa.get_by_role("button", name="Filtrer").click()
    settle(sa)
    row = sa.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Boulangerie Duval")
    expect(row).to_contain_text("Paris (75)")
    # The on-site offers of Paris stay with the SAs of Paris.
    visit(sa, "/espace/offres/")
    expect(sa.get_by_role("link", name="Boulanger·ère", exact=True)).to_have_count(0)

    sa.get_by_role("link", name=title, exact=True).click()
    settle(sa)
    sa.get_by_role("link", name="Je suis intéressé(e)").click()
    settle(sa)
    sa.get_by_role("button", name="Envoyer").click()
    settle(sa)
    expect(sa.get_by_text("Votre intérêt est enregistré")).to_be_visible()

    employer.reload()
    settle(employer)
    expect(employer.locator(".offer-actions .fr-badge")).to_have_text("En cours")
    expect(employer.get_by_role("heading", name="Cap Emploi Bouches-du-Rhône")).to_be_visible()


# Each open offer's public page


def test_a_visitor_opens_an_offers_public_page_then_an_sa_its_own_page(page):
    visit(page, "/offres/")
    page.get_by_role("link", name="Gestionnaire de commandes").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gestionnaire de commandes")
    expect(page.get_by_role("heading", name="Cette offre vous intéresse ?")).to_be_visible()
    expect(
        page.get_by_text("Contactez une structure accompagnante près de chez vous")
    ).to_be_visible()
    html = page.content()
    for private in ("employeur@duoday.fr", "06 12 34 56", "10 rue de l'Exemple", "Claire Duval"):
        assert private not in html, private
    screenshot(page, "offre_publique.png")
    public_url = page.url

    # An SA logs in from the page and comes back to it, with the way to its own space.
    page.get_by_role("main").get_by_role("link", name="Se connecter").click()
    settle(page)
    page.get_by_label("Adresse e-mail").fill(SA_PARIS)
    page.get_by_label("Mot de passe").fill("DuoDay-demo-2026")
    page.get_by_role("button", name="Se connecter").click()
    settle(page)
    assert page.url == public_url
    page.get_by_role("link", name="Voir l’offre dans mon espace").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gestionnaire de commandes")
    expect(page.get_by_role("link", name="Je suis intéressé(e)")).to_be_visible()


def test_an_unknown_offers_public_page_answers_404(page):
    response = visit(page, "/offres/999999/")

    assert response.status == 404


# On a phone


def test_offers_list_on_a_phone_shows_each_offers_state_without_scrolling_sideways(new_page):
    for email in (SA_PARIS, EMPLOYER):
        page = logged_in(new_page, email)
        page.set_viewport_size(PHONE)
        tab(page, "Offres").click()
        settle(page)
        rows = page.locator("main tbody tr")
        assert rows.count() >= 2
        for index in range(rows.count()):
            row = rows.nth(index)
            for element in (row.locator(".fr-badge"), row.get_by_role("link")):
                expect(element).to_be_visible()
                box = element.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (email, box)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, f"offres_telephone_{email.split('@')[0]}.png")
