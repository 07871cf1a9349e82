"""« Mot de passe oublié »: the link is made by the e-mail task from the user's id."""

import pytest

from tests.directory.helpers import is_logged_in, link_path, login
from tests.factories import ReferentFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Pain-de-campagne-au-levain-2026"


def test_reset_link_sets_a_new_password(client, mailoutbox):
    referent = ReferentFactory(email="camille.martin@dupain.fr")

    client.post("/mot-de-passe/oubli/", {"email": "camille.martin@dupain.fr"})
    [message] = mailoutbox
    assert message.to == [referent.email]
    assert message.subject == "[DuoDay] Réinitialisation de votre mot de passe"
    response = client.get(link_path(message), follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    login(client, referent.email, NEW_PASSWORD)
    assert is_logged_in(client)


def test_reset_of_an_unknown_address_sends_nothing_and_says_the_same(client, mailoutbox):
    response = client.post("/mot-de-passe/oubli/", {"email": "inconnu@exemple.fr"})

    assert response.status_code == 302
    assert response["Location"] == "/mot-de-passe/oubli/envoye/"
    assert mailoutbox == []


def test_reset_of_an_unconfirmed_registration_sends_nothing(client, mailoutbox):
    ReferentFactory(email="camille.martin@dupain.fr", is_active=False, email_confirmed_at=None)

    client.post("/mot-de-passe/oubli/", {"email": "camille.martin@dupain.fr"})

    assert mailoutbox == []
