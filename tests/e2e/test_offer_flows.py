"""Offers and duos, along the employers' guide (§2.2) and SPEC §4-§5.

Each test adds the offers it changes, with a unique title, and only reads the demo offers,
so that the tests may run in any order on the shared server.
"""

import re
import uuid

from playwright.sync_api import expect

from tests.e2e.conftest import choose, log_in, screenshot, settle, visit

EMPLOYER = "employeur@duoday.fr"
SA_PARIS = "sa@duoday.fr"  # ESAT Les Ateliers de Paris: 75, 92, 93
OTHER_SA_PARIS = "capemploi@duoday.fr"  # Cap Emploi Paris: 75
# Django's « Ce champ est obligatoire. » as Wagtail's French catalogue words it.
REQUIRED = re.compile(r"Champ requis\.|Ce champ est obligatoire\.")
# Field labels carry « * » and their hint inside the <label>: match their beginning.
TITLE = re.compile(r"^Intitulé du poste")


def unique_title(job):
    return f"{job} {uuid.uuid4().hex[:6]}"


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


def status_badge(page):
    return page.locator(".offer-actions .fr-badge")


def open_offer(page, title):
    """« Offres » tab, then the offer's title in the list."""
    tab(page, "Offres").click()
    settle(page)
    page.get_by_role("link", name=title, exact=True).click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def fill_offer(page, title):
    page.get_by_label(TITLE).fill(title)
    page.get_by_label(re.compile("^Description des missions")).fill(
        "Accueillir la personne, lui présenter le fournil et préparer ensemble les commandes."
    )
    page.get_by_label(re.compile("^Secteur d'activité")).select_option(label="Artisanat")
    page.get_by_label(re.compile(r"^Adresse \*")).fill("40 rue Oberkampf")
    page.get_by_label(re.compile("^Code postal")).fill("75011")
    page.get_by_label(re.compile("^Commune")).fill("Paris")
    choose(page, "Présentiel")
    page.get_by_label(re.compile("^Horaires")).fill("8 h – 15 h")
    page.get_by_label(re.compile("^Accessibilité du lieu")).fill("Plain-pied, porte large.")


def add_offer(page, title, empty_first=False):
    """« Offres » → « Ajouter une offre » top right → the form → « Valider » at the bottom."""
    tab(page, "Offres").click()
    settle(page)
    page.get_by_role("link", name="Ajouter une offre").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter une offre")
    if empty_first:
        page.get_by_role("button", name="Valider").click()
        settle(page)  # axe in the error state
        title_field = page.get_by_label(TITLE)
        expect(title_field).to_have_attribute("aria-invalid", "true")
        expect(title_field).to_have_accessible_description(REQUIRED)
        # Title, description, sector, address, postcode, commune.
        expect(page.locator(".fr-message--error")).to_have_count(6)
        # The modality, date and referent keep their defaults.
        expect(page.get_by_label("Présentiel")).to_be_checked()
        expect(page.get_by_label(re.compile("^Date"))).not_to_have_value("")
    fill_offer(page, title)
    page.get_by_role("button", name="Valider").click()
    settle(page)
    expect(page.get_by_text("Votre offre est enregistrée.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return page.url


def test_employer_adds_edits_and_deletes_an_offer(new_page):
    title = unique_title("Tourier·ère")
    employer = logged_in(new_page, EMPLOYER)
    add_offer(employer, title, empty_first=True)
    expect(status_badge(employer)).to_have_text("Non concrétisée")

    # « Offres » → the offer → « Editer cette offre » → change → « Valider ».
    open_offer(employer, title)
    employer.get_by_role("link", name="Editer cette offre").click()
    settle(employer)
    expect(employer.get_by_role("heading", level=1)).to_have_text("Editer cette offre")
    new_title = f"{title} (modifiée)"
    employer.get_by_label(TITLE).fill(new_title)
    employer.get_by_label(re.compile("^Horaires")).fill("7 h – 14 h")
    employer.get_by_role("button", name="Valider").click()
    settle(employer)
    expect(employer.get_by_text("Votre offre est modifiée.")).to_be_visible()
    expect(employer.get_by_role("heading", level=1)).to_have_text(new_title)
    expect(employer.get_by_role("main")).to_contain_text("7 h – 14 h")
    expect(status_badge(employer)).to_have_text("Non concrétisée")

    # « Editer cette offre » → « Supprimer cette offre » → confirm.
    employer.get_by_role("link", name="Editer cette offre").click()
    settle(employer)
    employer.get_by_role("link", name="Supprimer cette offre").click()
    settle(employer)
    expect(employer.get_by_role("heading", level=1)).to_have_text("Supprimer cette offre")
    employer.get_by_role("button", name="Supprimer définitivement").click()
    settle(employer)
    expect(employer.get_by_text(f"L’offre « {new_title} » est supprimée.")).to_be_visible()
    expect(employer.get_by_role("heading", level=1)).to_have_text("Offres")
    expect(employer.get_by_role("link", name=new_title)).to_have_count(0)


def test_employer_cannot_delete_a_filled_offer(new_page):
    employer = logged_in(new_page, EMPLOYER)
    open_offer(employer, "Livreur·se")
    badge = status_badge(employer)
    expect(badge).to_have_text("Concrétisée")
    expect(badge).to_have_class(re.compile(r"\bfr-badge--success\b"))
    screenshot(employer, "offer_concretisee_employeur.png")
    employer.get_by_role("link", name="Editer cette offre").click()
    settle(employer)
    expect(employer.get_by_role("link", name="Supprimer cette offre")).to_have_count(0)
    notice = employer.locator(".fr-alert").filter(has_text="Vous ne pouvez pas supprimer")
    expect(notice).to_contain_text("seule la structure accompagnante peut la supprimer")
    expect(notice).to_contain_text("0 800 386 329")
    expect(notice.get_by_role("link", name="contact@duoday.fr")).to_have_attribute(
        "href", "mailto:contact@duoday.fr"
    )


def test_support_structure_forms_then_cancels_a_duo(new_page):
    title = unique_title("Pâtissier·ère de tournée")
    employer = logged_in(new_page, EMPLOYER)
    offer_url = add_offer(employer, title)
    offer_path = re.sub(r"^https?://[^/]+", "", offer_url)

    # Another SA of the department sees it while it is open.
    other_sa = logged_in(new_page, OTHER_SA_PARIS)
    tab(other_sa, "Offres").click()
    settle(other_sa)
    expect(other_sa.get_by_role("link", name=title, exact=True)).to_be_visible()

    # The SA: « Offres » → the offer → « Je suis intéressé(e) » → « Envoyer ».
    sa = logged_in(new_page, SA_PARIS)
    open_offer(sa, title)
    expect(status_badge(sa)).to_have_text("Non concrétisée")
    sa.get_by_role("link", name="Je suis intéressé(e)").click()
    settle(sa)
    sa.get_by_label(re.compile("^Message à l'employeur")).fill("Une personne de notre atelier.")
    sa.get_by_role("button", name="Envoyer").click()
    settle(sa)
    expect(sa.get_by_text("Votre intérêt est enregistré")).to_be_visible()
    expect(status_badge(sa)).to_have_text("En cours")

    # The employer: « En cours », and the SA among the interested ones, with its contacts.
    open_offer(employer, title)
    expect(status_badge(employer)).to_have_text("En cours")
    interested = employer.get_by_role("region", name="Structures accompagnantes intéressées")
    card = interested.locator(".fr-card").filter(has_text="ESAT Les Ateliers de Paris")
    expect(card).to_contain_text("Une personne de notre atelier.")
    expect(card.get_by_role("link", name="sa@duoday.fr")).to_be_visible()

    # The SA forms the duo (an empty form first).
    sa.get_by_role("link", name="Constituer le duo").click()
    settle(sa)
    sa.get_by_role("button", name="Constituer le duo").click()
    settle(sa)  # axe in the error state
    first_name = sa.get_by_label(re.compile("^Prénom de la personne"))
    expect(first_name).to_have_attribute("aria-invalid", "true")
    expect(first_name).to_have_accessible_description(REQUIRED)
    expect(sa.locator(".fr-message--error")).to_have_count(2)
    first_name.fill("Jules")
    sa.get_by_label(re.compile("^Nom de la personne")).fill("Mercier")
    sa.get_by_role("button", name="Constituer le duo").click()
    settle(sa)
    expect(sa.get_by_text("Le duo est constitué")).to_be_visible()

    # « Concrétisée », on green, top right of the offer page.
    badge = status_badge(sa)
    expect(badge).to_have_text("Concrétisée")
    expect(badge).to_have_class(re.compile(r"\bfr-badge--success\b"))
    heading_box = sa.get_by_role("heading", level=1).bounding_box()
    badge_box = badge.bounding_box()
    viewport_width = sa.viewport_size["width"]
    assert badge_box["x"] > viewport_width / 2, badge_box
    assert (
        abs(
            (badge_box["y"] + badge_box["height"] / 2)
            - (heading_box["y"] + heading_box["height"] / 2)
        )
        < heading_box["height"]
    ), (badge_box, heading_box)
    expect(sa.get_by_role("region", name="Le duo")).to_contain_text("Jules Mercier")
    screenshot(sa, "offer_concretisee.png")

    # The other SA no longer sees it, not even at its address.
    tab(other_sa, "Offres").click()
    settle(other_sa)
    expect(other_sa.get_by_role("link", name=title, exact=True)).to_have_count(0)
    response = other_sa.goto(offer_path)
    assert response.status == 404, response.status

    # « Mes duos » → « Annuler le duo » → confirm: back to « En cours ».
    tab(sa, "Mes duos").click()
    settle(sa)
    row = sa.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Jules Mercier")
    row.get_by_role("link", name=f"Annuler le duo {title}").click()
    settle(sa)
    expect(sa.get_by_role("heading", level=1)).to_have_text("Annuler le duo")
    sa.get_by_role("button", name="Annuler le duo").click()
    settle(sa)
    expect(sa.get_by_text("Le duo est annulé")).to_be_visible()
    expect(sa.get_by_role("row").filter(has_text=title)).to_have_count(0)
    open_offer(sa, title)
    expect(status_badge(sa)).to_have_text("En cours")
    open_offer(employer, title)
    expect(status_badge(employer)).to_have_text("En cours")


def test_history_shows_past_duos_to_both_sides(new_page):
    for email, other_side in (
        (EMPLOYER, "ESAT Les Ateliers de Paris"),
        (SA_PARIS, "Boulangerie Duval"),
    ):
        page = logged_in(new_page, email)
        tab(page, "Historique").click()
        settle(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Historique")
        row = page.get_by_role("row").filter(has_text="Léa Fontaine")
        expect(row).to_contain_text("Pâtissier·ère")
        expect(row).to_contain_text(other_side)


def test_public_offer_search(page):
    visit(page, "/")
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Trouver une offre"
    ).click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver une offre")
    offers = page.get_by_role("main").get_by_role("heading", level=2)
    expect(offers.filter(has_text="Boulanger·ère")).to_have_count(1)
    expect(offers.filter(has_text="Gestionnaire de commandes")).to_have_count(1)
    expect(offers.filter(has_text="Agent·e d'accueil")).to_have_count(1)
    # A « Concrétisée » offer is no longer public.
    expect(offers.filter(has_text="Livreur·se")).to_have_count(0)
    # No referent's personal contact, anywhere on the page.
    html = page.content()
    for private in ("employeur@duoday.fr", "employeur.lyon@duoday.fr", "06 12 34 56"):
        assert private not in html, private

    page.get_by_label(re.compile("^Modalité")).select_option(label="Distanciel")
    page.get_by_role("button", name="Filtrer").click()
    settle(page)
    expect(offers.filter(has_text="Gestionnaire de commandes")).to_have_count(1)
    expect(offers.filter(has_text="Boulanger·ère")).to_have_count(0)

    page.get_by_role("link", name="Réinitialiser").click()
    settle(page)
    page.get_by_label(re.compile("^Département")).select_option(label="69 – Rhône")
    page.get_by_label(re.compile("^Recherche")).fill("espaces verts")
    page.get_by_role("button", name="Filtrer").click()
    settle(page)
    expect(page.get_by_role("status")).to_have_text("1 offre ouverte")
    expect(offers.filter(has_text="Agent·e des espaces verts")).to_have_count(1)
    expect(page.get_by_label(re.compile("^Recherche"))).to_have_value("espaces verts")
