"""A coordinator cancels a duo of the demo data on the employer's request, from the « Duos »
listing of the « DuoDay » admin, with a reason; the employer then sees the offer open again.

The demo duo (« Livreur·se » of Boulangerie Duval, Camille Durand, formed by the ESAT) is
used by other browser tests of the session: it is formed again at the end.
"""

import os
import subprocess
import sys

from playwright.sync_api import expect

from tests.e2e.conftest import COORDINATOR, DEMO_PASSWORD, PROJECT_DIR, settle, visit
from tests.e2e.test_offer_flows import EMPLOYER, logged_in, open_offer, status_badge

DEMO_DUO_OFFER = "Livreur·se"
REASON = "La gérante a appelé : la boutique sera fermée le jour du DuoDay."

RESTORE_DEMO_DUO = """
from directory.models import Structure
from offers import workflow
from offers.models import Offer

offer = Offer.objects.get(title="Livreur·se", structure__name="Boulangerie Duval")
if not offer.duos.filter(cancelled_at__isnull=True).exists():
    esat = Structure.objects.get(name="ESAT Les Ateliers de Paris")
    workflow.form_duo(offer, esat, esat.referents.first(), "Camille", "Durand")
"""


def restore_demo_duo(e2e_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{e2e_dir / 'e2e.sqlite3'}",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", RESTORE_DEMO_DUO],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        capture_output=True,
    )


def admin_logged_in(page, email):
    visit(page, "/admin/login/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="S'identifier").click()
    page.wait_for_url("**/admin/")


def test_coordinator_cancels_a_demo_duo_with_a_reason(new_page, e2e_dir, mail_dir):
    coordinator = new_page()
    admin_logged_in(coordinator, COORDINATOR)
    try:
        coordinator.goto("/admin/offers/duo/?state=active")
        row = coordinator.get_by_role("row").filter(has_text="Camille Durand")
        expect(row).to_contain_text(DEMO_DUO_OFFER)
        row.hover()
        cancel_link = row.get_by_role("link", name="Annuler le duo")
        duo_id = cancel_link.get_attribute("href").split("/cancel/")[1].split("/")[0]
        cancel_link.click()
        settle(coordinator)  # axe on the confirmation page
        expect(coordinator.get_by_role("heading", level=1)).to_contain_text("Annuler le duo")
        expect(coordinator.get_by_role("main")).to_contain_text("Boulangerie Duval")

        # No reason: the form comes back with a French error next to the field.
        coordinator.get_by_role("button", name="Annuler le duo").click()
        settle(coordinator)  # axe on the error state
        expect(coordinator.get_by_role("main")).to_contain_text(
            "Indiquez le motif : il est envoyé par e-mail aux personnes concernées."
        )
        reason = coordinator.get_by_label("Motif")
        expect(reason).to_have_attribute("aria-invalid", "true")

        reason.fill(REASON)
        coordinator.get_by_role("button", name="Annuler le duo").click()
        coordinator.wait_for_url("**/admin/offers/duo/?state=active")
        expect(coordinator.locator(".messages").first).to_contain_text(
            f"Duo de Camille Durand pour « {DEMO_DUO_OFFER} » annulé"
        )
        expect(coordinator.get_by_role("row").filter(has_text="Camille Durand")).to_have_count(0)

        # The duo stays, cancelled, with the reason in its history.
        coordinator.goto("/admin/offers/duo/?state=cancelled")
        cancelled = coordinator.get_by_role("row").filter(has_text="Camille Durand")
        expect(cancelled).to_contain_text("Annulé le")
        coordinator.goto(f"/admin/offers/duo/history/{duo_id}/")
        expect(coordinator.get_by_role("main")).to_contain_text(
            f"Duo annulé par la coordination. Motif : {REASON}"
        )

        # The employer's offer is open again, without its duo.
        employer = logged_in(new_page, EMPLOYER)
        open_offer(employer, DEMO_DUO_OFFER)
        expect(status_badge(employer)).to_have_text("En cours")
        expect(employer.get_by_role("region", name="Le duo")).to_have_count(0)

        # Both parties got the reason by e-mail.
        mails = [path.read_text() for path in mail_dir.iterdir()]
        told = [mail for mail in mails if REASON in mail]
        assert any("employeur@duoday.fr" in mail for mail in told), told
        assert any("sa@duoday.fr" in mail for mail in told), told
    finally:
        restore_demo_duo(e2e_dir)
