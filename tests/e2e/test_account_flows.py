"""« Mon compte », the « Annuaire des SA » and registration, along the employers' guide (§2.1).

Each test creates the accounts it changes (unique names and e-mail addresses) and only
reads the demo data, so that the tests may run in any order on the shared server.
"""

import email
import email.policy
import re
import time
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import expect

from directory.validators import siret_for
from tests.e2e.conftest import (
    COORDINATOR,
    DEMO_PASSWORD,
    choose,
    log_in,
    screenshot,
    settle,
    visit,
)

EMPLOYER = "employeur@duoday.fr"
PENDING_SA = "sa.attente@duoday.fr"
# Field labels carry « * » and their hint inside the <label>: match their beginning.
PASSWORD = re.compile(r"^Mot de passe")
PASSWORD_CONFIRMATION = re.compile(r"^Confirmation du mot de passe")


def unique():
    return uuid.uuid4().hex[:8]


def read_mail(mail_dir, recipient, timeout=10):
    """The last e-mail the server sent to `recipient` (waits for it to be written)."""
    deadline = time.monotonic() + timeout
    while True:
        found = []
        for path in sorted(mail_dir.iterdir(), key=lambda path: path.stat().st_mtime):
            # The file backend writes each message followed by a line of 79 dashes.
            for chunk in path.read_bytes().split(b"-" * 79):
                if not chunk.strip():
                    continue
                message = email.message_from_bytes(chunk.strip(), policy=email.policy.default)
                if recipient in str(message.get("To", "")):
                    found.append(message)
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"no e-mail to {recipient} in {mail_dir}")
        time.sleep(0.2)


def link_path(message, pattern):
    """The path of the link in the message body (its host is the production one)."""
    body = message.get_content()
    links = [urlsplit(url).path for url in re.findall(r"https?://\S+", body)]
    matching = [path for path in links if re.search(pattern, path)]
    assert matching, f"no link matching {pattern} in:\n{body}"
    return matching[0]


def tab(page, label):
    return page.get_by_role("navigation", name="Mon espace personnel").get_by_role(
        "link", name=label, exact=True
    )


def log_out(page):
    page.get_by_role("banner").get_by_role("button", name="Déconnexion").click()
    settle(page)


def test_referent_invited_activates_changes_password_and_requests_a_change(new_page, mail_dir):
    token = unique()
    first_name, last_name = "Amélie", f"Invitée-{token}"
    address = f"referent.{token}@exemple.fr"
    # Not like the names or address (UserAttributeSimilarityValidator): no token in them.
    password = "Fournil-du-matin-2026"
    new_password = "Baguette-tradition-2027"

    # The employer: « Connexion » top right, then the « Mon compte » tab.
    employer = new_page()
    visit(employer, "/")
    log_in(employer, EMPLOYER)
    tab(employer, "Mon compte").click()
    settle(employer)
    expect(employer.get_by_role("heading", level=1)).to_have_text("Mon compte")

    # At the bottom of the page: « Ajouter un référent ».
    employer.get_by_role("link", name="Ajouter un référent").click()
    settle(employer)
    employer.get_by_role("button", name="Envoyer l’invitation").click()
    settle(employer)  # axe in the error state
    expect(employer.get_by_label(re.compile("^Prénom"))).to_have_attribute("aria-invalid", "true")
    employer.get_by_label(re.compile("^Prénom")).fill(first_name)
    employer.get_by_label(re.compile("^Nom")).fill(last_name)
    employer.get_by_label(re.compile("^Adresse e-mail")).fill(address)
    employer.get_by_role("button", name="Envoyer l’invitation").click()
    settle(employer)
    expect(employer.get_by_text(f"Invitation envoyée à {address}")).to_be_visible()
    expect(employer.get_by_role("heading", name="Invitations en attente")).to_be_visible()
    pending = employer.get_by_role("listitem").filter(has_text=f"{first_name} {last_name}")
    expect(pending).to_contain_text(address)
    expect(pending.get_by_role("button", name=f"Renvoyer {address}")).to_be_visible()

    # The invitation e-mail: its link, valid once.
    invitation = read_mail(mail_dir, address)
    assert "Invitation à devenir référent(e) DuoDay" in invitation["Subject"]
    # Sent to an address not confirmed yet: no text typed by users (names, structure).
    assert "Boulangerie Duval" not in invitation.get_content()
    assert last_name not in invitation.get_content()
    path = link_path(invitation, r"^/invitation/")

    referent = new_page()
    visit(referent, path)
    expect(referent.get_by_role("heading", level=1)).to_have_text("Activer mon compte")
    referent.get_by_label(re.compile("^Téléphone")).fill("06 98 76 54 32")
    referent.get_by_label(re.compile("^Fonction")).fill("Boulangère")
    referent.get_by_label(PASSWORD).fill("court")
    referent.get_by_label(PASSWORD_CONFIRMATION).fill("court")
    referent.get_by_role("button", name="Activer mon compte").click()
    settle(referent)  # axe in the error state
    password_field = referent.get_by_label(PASSWORD)
    expect(password_field).to_have_attribute("aria-invalid", "true")
    expect(referent.get_by_text(re.compile("Ce mot de passe est trop court"))).to_be_visible()
    # What was typed outside the password fields is kept.
    expect(referent.get_by_label(re.compile("^Fonction"))).to_have_value("Boulangère")
    password_field.fill(password)
    referent.get_by_label(PASSWORD_CONFIRMATION).fill(password)
    referent.get_by_role("button", name="Activer mon compte").click()
    settle(referent)
    expect(referent.get_by_text("Votre compte est activé : connectez-vous.")).to_be_visible()
    log_in(referent, address, password)
    settle(referent)
    expect(referent.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(referent.get_by_role("banner")).to_contain_text(f"{first_name} {last_name}")
    # The link was for one use only.
    visit(referent, path)
    expect(referent.get_by_text("Cette invitation a déjà été utilisée")).to_be_visible()
    referent.get_by_role("banner").get_by_role("link", name=f"{first_name} {last_name}").click()
    settle(referent)

    # « Mot de passe » window on the right → « Modifier mon mot de passe ».
    referent.get_by_role("region", name="Mot de passe").get_by_role(
        "link", name="Modifier mon mot de passe"
    ).click()
    settle(referent)
    expect(referent.get_by_role("heading", level=1)).to_have_text("Modifier mon mot de passe")
    referent.get_by_label(re.compile("^Ancien mot de passe")).fill("pas-le-bon-mot-de-passe")
    referent.get_by_label(re.compile("^Nouveau mot de passe")).fill(new_password)
    referent.get_by_label(re.compile("^Confirmation du nouveau mot de passe")).fill(new_password)
    referent.get_by_role("button", name="Modifier mon mot de passe").click()
    settle(referent)  # axe in the error state
    old_field = referent.get_by_label(re.compile("^Ancien mot de passe"))
    expect(old_field).to_have_attribute("aria-invalid", "true")
    expect(old_field).to_have_accessible_description(
        re.compile("ancien mot de passe est incorrect")
    )
    old_field.fill(password)
    referent.get_by_label(re.compile("^Nouveau mot de passe")).fill(new_password)
    referent.get_by_label(re.compile("^Confirmation du nouveau mot de passe")).fill(new_password)
    referent.get_by_role("button", name="Modifier mon mot de passe").click()
    settle(referent)
    expect(referent.get_by_text("Votre mot de passe a été modifié.")).to_be_visible()
    expect(referent.get_by_role("heading", level=1)).to_have_text("Mon compte")

    # « Modifications à apporter » window → « Signaler » → write → « Envoyer ».
    window = referent.get_by_role("region", name="Modifications à apporter")
    pending_before = window.get_by_text("En attente", exact=True).count()
    window.get_by_role("link", name="Signaler").click()
    settle(referent)
    referent.get_by_role("button", name="Envoyer").click()
    settle(referent)  # axe in the error state
    message_field = referent.get_by_label(re.compile("^Modifications à apporter"))
    expect(message_field).to_have_attribute("aria-invalid", "true")
    message_field.fill(f"Nouvelle adresse du fournil ({token}) : 14 rue de la Paix.")
    referent.get_by_role("button", name="Envoyer").click()
    settle(referent)
    expect(referent.get_by_text("Votre demande a été envoyée à la coordination")).to_be_visible()
    window = referent.get_by_role("region", name="Modifications à apporter")
    expect(window.get_by_text("En attente", exact=True)).to_have_count(pending_before + 1)

    # The coordinator marks it processed in the Wagtail admin (Wagtail's markup: no axe).
    response_text = f"Adresse mise à jour ({token})."
    coordinator = new_page()
    coordinator.goto("/admin/")
    coordinator.get_by_label("Adresse e-mail").fill(COORDINATOR)
    coordinator.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    coordinator.get_by_role("button", name="S'identifier").click()
    coordinator.wait_for_url("**/admin/")
    coordinator.get_by_role("button", name="DuoDay").click()
    coordinator.get_by_role("link", name="Demandes de modification").click()
    coordinator.wait_for_load_state("load")
    row = coordinator.get_by_role("row").filter(has_text=last_name)
    row.hover()
    row.get_by_role("link", name="Marquer comme traitée").click()
    coordinator.wait_for_load_state("load")
    expect(coordinator.get_by_text(f"Nouvelle adresse du fournil ({token})")).to_be_visible()
    coordinator.get_by_label("Réponse").fill(response_text)
    coordinator.get_by_role("button", name="Marquer comme traitée").click()
    coordinator.wait_for_load_state("load")
    expect(coordinator.get_by_text("Demande de modification marquée comme traitée")).to_be_visible()
    processed = read_mail(mail_dir, address)
    assert "Votre demande de modification a été traitée" in processed["Subject"]

    # Back as the employer: « Traitée », with the coordination's answer.
    tab(employer, "Mon compte").click()
    settle(employer)
    window = employer.get_by_role("region", name="Modifications à apporter")
    answered = window.get_by_role("listitem").filter(has_text=response_text)
    expect(answered.get_by_text("Traitée", exact=True)).to_be_visible()
    expect(answered.locator(".fr-badge")).to_have_class(re.compile(r"\bfr-badge--success\b"))
    # The new referent is listed, active, among the structure's referents.
    referents = employer.get_by_role("table", name="Référents de la structure")
    expect(referents.get_by_role("row").filter(has_text=address)).to_contain_text("Actif")

    # The new password is the one that works now.
    log_out(referent)
    log_in(referent, address, new_password)
    settle(referent)
    expect(referent.get_by_role("heading", level=1)).to_have_text("Mon compte")


def test_employer_support_directory(page):
    visit(page, "/")
    log_in(page, EMPLOYER)
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    screenshot(page, "mon_compte.png")

    tab(page, "Annuaire des SA").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des SA")
    listing = page.get_by_role("main")
    expect(listing.get_by_role("link", name="ESAT Les Ateliers de Paris")).to_be_visible()
    expect(listing.get_by_role("link", name="Cap Emploi Paris")).to_be_visible()
    # Lyon is none of the employer's departments; the IME is not validated yet.
    expect(listing.get_by_text("Mission locale de Lyon")).to_have_count(0)
    expect(listing.get_by_text("IME Les Tilleuls")).to_have_count(0)
    screenshot(page, "annuaire.png")

    # The filters narrow the list.
    page.get_by_label(re.compile("^Nom de la structure")).fill("Paris")
    page.get_by_label(re.compile("^Type")).select_option(label="ESAT")
    page.get_by_role("button", name="Rechercher").click()
    settle(page)
    expect(page.get_by_role("status")).to_have_text("1 structure trouvée")
    expect(listing.get_by_role("link", name="ESAT Les Ateliers de Paris")).to_be_visible()
    expect(listing.get_by_text("Cap Emploi Paris")).to_have_count(0)

    # A name opens the card: the phone and e-mail of its DuoDay referents.
    listing.get_by_role("link", name="ESAT Les Ateliers de Paris").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("ESAT Les Ateliers de Paris")
    card = page.get_by_role("listitem").filter(has_text="Nadia Haddad")
    expect(card).to_contain_text("Téléphone : 06 12 34 56 72")
    expect(card.get_by_role("link", name="sa@duoday.fr")).to_have_attribute(
        "href", "mailto:sa@duoday.fr"
    )
    page.get_by_role("link", name="Retour à l’annuaire").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des SA")


def test_employer_registers_confirms_and_logs_in(page, mail_dir):
    token = unique()
    name = f"Fromagerie Test {token}"
    address = f"inscription.{token}@exemple.fr"
    password = "Comté-affiné-24-mois"
    siret = siret_for(f"{int(token, 16) % 10**8:08d}")
    bad_siret = siret[:-1] + str((int(siret[-1]) + 1) % 10)

    visit(page, "/")
    page.get_by_role("banner").get_by_role("link", name="Connexion").click()
    settle(page)
    page.get_by_role("link", name="Inscrire ma structure").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscrire ma structure à DuoDay")

    def fill_passwords():
        page.get_by_label(PASSWORD).fill(password)
        page.get_by_label(PASSWORD_CONFIRMATION).fill(password)

    choose(page, "Employeur")
    page.get_by_label(re.compile("^Raison sociale")).fill(name)
    page.get_by_label(re.compile("^SIRET")).fill(bad_siret)
    page.get_by_label(re.compile("^Type de structure")).select_option(label="Entreprise privée")
    page.get_by_label(re.compile("^Adresse \\*")).fill("3 rue des Fromages")
    page.get_by_label(re.compile("^Code postal")).fill("75010")
    page.get_by_label(re.compile("^Commune")).fill("Paris")
    page.get_by_label(re.compile("^Téléphone de la structure")).fill("01 40 00 00 00")
    page.get_by_label(re.compile("^Prénom du référent")).fill("Jeanne")
    page.get_by_label(re.compile("^Nom du référent")).fill("Moulin")
    page.get_by_label(re.compile("^Adresse e-mail du référent")).fill(address)
    page.get_by_label(re.compile("^Téléphone du référent")).fill("06 11 22 33 44")
    page.get_by_label(re.compile("^Fonction")).fill("Gérante")
    fill_passwords()
    page.get_by_role("button", name="S’inscrire").click()
    settle(page)  # axe in the error state

    siret_field = page.get_by_label(re.compile("^SIRET"))
    expect(siret_field).to_have_attribute("aria-invalid", "true")
    expect(siret_field).to_have_accessible_description(
        re.compile("Ce numéro SIRET n’est pas valide")
    )
    # What was typed is kept (passwords excepted, as always).
    expect(siret_field).to_have_value(bad_siret)
    expect(page.get_by_label(re.compile("^Raison sociale"))).to_have_value(name)
    expect(page.get_by_label("Employeur", exact=True)).to_be_checked()
    expect(page.get_by_label(re.compile("^Type de structure"))).to_have_value("entreprise_privee")
    expect(page.get_by_label(re.compile("^Adresse e-mail du référent"))).to_have_value(address)

    siret_field.fill(siret)
    fill_passwords()
    page.get_by_role("button", name="S’inscrire").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscription enregistrée")

    # Not before the address is confirmed.
    log_in(page, address, password)
    settle(page)
    expect(page.get_by_role("alert")).to_contain_text("Confirmez d’abord votre adresse e-mail")

    confirmation = read_mail(mail_dir, address)
    assert "Confirmez votre adresse e-mail" in confirmation["Subject"]
    visit(page, link_path(confirmation, r"^/inscription/confirmer/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Adresse e-mail confirmée")
    page.get_by_role("main").get_by_role("link", name="Connexion").click()
    settle(page)
    page.get_by_label("Adresse e-mail").fill(address)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    expect(page.get_by_role("main")).to_contain_text(name)
    expect(page.get_by_role("main")).to_contain_text(siret)

    # The SA directory opens once the coordination has validated the new employer.
    tab(page, "Annuaire des SA").click()
    settle(page)
    expect(page.get_by_role("main")).to_contain_text(
        "L’annuaire s’ouvre dès que la coordination DuoDay a validé votre structure"
    )


def test_pending_support_structure_sees_the_pending_page(page):
    visit(page, "/")
    log_in(page, PENDING_SA)
    settle(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Structure en attente de validation")
    expect(page.get_by_role("main")).to_contain_text("IME Les Tilleuls")
    # Every page of the personal space leads there until the coordination validates it.
    visit(page, "/espace/offres/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Structure en attente de validation")
