"""Hostile input into every public and personal-space form and listing (hypothesis): empty
values, 10,000 characters, NUL, emoji, right-to-left marks, HTML, formulas, digits other
than ASCII ones… Never a server error, and nothing saved when the page answers with an
error rather than a redirection. (The coordinators' admin listings have their own tests.)

Each example runs in a savepoint rolled back afterwards, with empty caches (rate limits)
and a fresh login: examples do not see each other's data.
"""

import os
import re
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import caches
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.forms.models import FormSubmission

from directory import services
from directory.models import Department, Invitation, ModificationRequest, Structure, User
from home.models import ContactPage, OfferSearchPage
from offers.models import Duo, Interest, Offer
from tests.factories import (
    DEFAULT_PASSWORD,
    DuoFactory,
    EditionFactory,
    OfferFactory,
    ReferentFactory,
    StructureFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "",
    " ",
    "x" * 10_000,
    "\x00",
    "Léa\x00Durand",
    "😀👩🏽‍🦰",
    "\u202eevil.exe",
    "\u200f\u200b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://exemple.invalid","clic")',
    "+33 6 00 00 00 00",
    "-1",
    "@SUM(A1:A9)",
    "٧٣٢٨٢٩٣٢٠٠٠٠٧٤",
    "7328293200007²",
    "７５０１１",
    "١",
    "\r\n",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "9" * 40,
    "-99999999999999999999",
    "1e309",
    "NaN",
    "nom@exemple.fr\x00",
    "a@b.c" * 100,
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
)

# BAD_INPUT_EXAMPLES=500 for a longer search than the suite's.
EXAMPLES = settings(
    max_examples=int(os.environ.get("BAD_INPUT_EXAMPLES", "20")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def with_hostile_values(valid):
    """A form's valid data with one hostile field (the others valid, so that the form goes as
    far as it can: cross-field checks, the service, the database), or with each field
    valid or hostile."""
    one_hostile_field = st.tuples(st.sampled_from(sorted(valid)), hostile_text).map(
        lambda field_and_value: {**valid, field_and_value[0]: field_and_value[1]}
    )
    any_hostile_fields = st.fixed_dictionaries(
        {field: st.one_of(st.just(value), hostile_text) for field, value in valid.items()}
    )
    return st.one_of(one_hostile_field, any_hostile_fields)


def hostile_query():
    return st.dictionaries(
        st.sampled_from(["q", "department", "status", "modality", "sector", "structure_type"]),
        hostile_text,
        max_size=4,
    ).flatmap(lambda query: st.builds(lambda page: {**query, "page": page}, hostile_text))


COUNTED_MODELS = [User, Structure, Invitation, ModificationRequest, Offer, Interest, Duo]


def database_state():
    """Every row of the tables a form may write (the tests hold a few dozen)."""
    state = {
        model.__name__: list(model.objects.order_by("pk").values()) for model in COUNTED_MODELS
    }
    state["FormSubmission"] = FormSubmission.objects.count()
    return state


@contextmanager
def isolated_example(client, user=None):
    """One example: empty caches, `user` logged in, everything rolled back afterwards."""
    for cache in caches.all():
        cache.clear()
    with transaction.atomic():
        client.logout()
        if user is not None:
            client.force_login(user)
        yield
        transaction.set_rollback(True)


# The pages that say « done » themselves instead of redirecting.
DONE_TEMPLATES = {
    "directory/register_done.html",
    "directory/confirm_email_done.html",
    "home/contact_page_landing.html",
}


def succeeded(response):
    return response.status_code in (301, 302, 303) or any(
        template.name in DONE_TEMPLATES for template in response.templates
    )


def submit(client, method, url, data):
    """Send `data`; no server error, and nothing written unless the page succeeded."""
    before = database_state()
    response = getattr(client, method)(url, data)
    assert response.status_code < 500
    if not succeeded(response):
        assert database_state() == before
    return response


def path_segment(value):
    return quote(value, safe="") or "vide"


# The cast


@pytest.fixture
def current_edition():
    return EditionFactory(current=True)


@pytest.fixture
def employer(current_edition):
    structure = StructureFactory(employer=True, name="Boulangerie Dupain", postcode="75011")
    return ReferentFactory(structure=structure)


@pytest.fixture
def support_referent(current_edition):
    structure = StructureFactory(
        support=True, validated=True, postcode="75019", served_departments=["75", "93"]
    )
    return ReferentFactory(structure=structure)


@pytest.fixture
def offer(employer):
    return OfferFactory(structure=employer.structure, referent=employer, postcode="75011")


@pytest.fixture
def past_duo(employer, support_referent):
    past_offer = OfferFactory(
        structure=employer.structure,
        referent=employer,
        postcode="75011",
        edition=EditionFactory(year=2024),
    )
    return DuoFactory(offer=past_offer, structure=support_referent.structure)


# Public pages: registration, login, resend, password reset, invitation, contact


REGISTRATION = {
    "kind": "employer",
    "name": "Boulangerie Dupain",
    "siret": "73282932000074",
    "structure_type": "entreprise_privee",
    "address": "12 rue des Lilas",
    "postcode": "75011",
    "commune": "Paris",
    "structure_phone": "01 02 03 04 05",
    "served_departments": "",
    "first_name": "Camille",
    "last_name": "Martin",
    "email": "camille.martin@dupain.fr",
    "phone": "06 11 22 33 44",
    "job_title": "Gérante",
    "password1": DEFAULT_PASSWORD,
    "password2": DEFAULT_PASSWORD,
}


@EXAMPLES
@given(data=with_hostile_values(REGISTRATION))
def test_registration(client, data):
    with isolated_example(client):
        submit(client, "post", "/inscription/", data)


@EXAMPLES
@given(data=with_hostile_values({"username": "camille@dupain.fr", "password": "mot"}))
def test_login(client, employer, data):
    with isolated_example(client):
        submit(client, "post", "/connexion/", data)


@EXAMPLES
@given(next_url=hostile_text)
def test_login_page_next_parameter(client, next_url):
    with isolated_example(client):
        submit(client, "get", "/connexion/", {"next": next_url})


@EXAMPLES
@given(email=hostile_text)
def test_resend_confirmation(client, email):
    with isolated_example(client):
        submit(client, "post", "/inscription/renvoyer/", {"email": email})


@EXAMPLES
@given(token=hostile_text)
def test_email_confirmation_link(client, token):
    with isolated_example(client):
        submit(client, "get", f"/inscription/confirmer/{path_segment(token)}/", {})


@EXAMPLES
@given(email=hostile_text)
def test_password_reset_request(client, employer, email):
    with isolated_example(client):
        submit(client, "post", "/mot-de-passe/oubli/", {"email": email})


@EXAMPLES
@given(uid=hostile_text, token=hostile_text)
def test_password_reset_link(client, uid, token):
    with isolated_example(client):
        submit(
            client, "get", f"/mot-de-passe/nouveau/{path_segment(uid)}/{path_segment(token)}/", {}
        )


@EXAMPLES
@given(data=with_hostile_values({"new_password1": "Un-nouveau-mot-de-passe-2026"}))
def test_password_reset_new_password(client, employer, data):
    uid = urlsafe_base64_encode(force_bytes(employer.pk))
    token = default_token_generator.make_token(employer)
    with isolated_example(client):
        set_password_url = client.get(f"/mot-de-passe/nouveau/{uid}/{token}/")["Location"]
        submit(client, "post", set_password_url, {**data, "new_password2": data["new_password1"]})


@pytest.fixture
def invitation_url(employer, mailoutbox, django_capture_on_commit_callbacks):
    """The link of an invitation e-mail, however the invitation keeps its token."""
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_referent(
            employer.structure, employer, "dominique@dupain.fr", "Dominique", "Petit"
        )
    return re.search(r"http://testserver(/\S+)", mailoutbox[-1].body).group(1)


@EXAMPLES
@given(
    data=with_hostile_values(
        {
            "phone": "06 00 00 00 00",
            "job_title": "Vendeur",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        }
    )
)
def test_invitation_acceptance(client, invitation_url, data):
    with isolated_example(client):
        submit(client, "post", invitation_url, data)


@pytest.mark.parametrize("token", ["%00", "abc%00def", "%E2%80%AEabc", "abc%20def"])
def test_invitation_link_that_is_no_token_answers_404(client, token):
    # PostgreSQL refused the NUL in the query: a server error.
    assert client.get(f"/invitation/{token}/").status_code == 404


@EXAMPLES
@given(token=hostile_text)
def test_invitation_link(client, token):
    with isolated_example(client):
        submit(client, "get", f"/invitation/{path_segment(token)}/", {})


@EXAMPLES
@given(
    data=with_hostile_values(
        {
            "nom_et_prenom": "Camille Martin",
            "adresse_e_mail": "camille@dupain.fr",
            "structure": "Boulangerie Dupain",
            "objet": "Une question",
            "message": "Bonjour, comment publier une offre ?",
        }
    )
)
def test_contact_form(client, data):
    url = ContactPage.objects.get().url
    with isolated_example(client):
        submit(client, "post", url, data)


@EXAMPLES
@given(query=hostile_query())
def test_public_offer_search(client, offer, query):
    url = OfferSearchPage.objects.get().url
    with isolated_example(client):
        submit(client, "get", url, query)


# « Mon compte »


@EXAMPLES
@given(
    data=with_hostile_values(
        {
            "structure-phone": "01 02 03 04 05",
            "structure-email": "contact@dupain.fr",
            "referent-first_name": "Camille",
            "referent-last_name": "Martin",
            "referent-phone": "06 11 22 33 44",
            "referent-job_title": "Gérante",
        }
    )
)
def test_account_contact_forms(client, employer, data):
    with isolated_example(client, employer):
        submit(client, "post", "/espace/compte/", data)


@EXAMPLES
@given(message=hostile_text)
def test_modification_request(client, employer, message):
    with isolated_example(client, employer):
        submit(client, "post", "/espace/compte/modification/", {"message": message})


@EXAMPLES
@given(
    data=with_hostile_values(
        {"first_name": "Dominique", "last_name": "Petit", "email": "dominique@dupain.fr"}
    )
)
def test_invite_referent(client, employer, data):
    with isolated_example(client, employer):
        submit(client, "post", "/espace/compte/referents/ajouter/", data)


@EXAMPLES
@given(
    data=with_hostile_values(
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "Un-nouveau-mot-de-passe-2026",
            "new_password2": "Un-nouveau-mot-de-passe-2026",
        }
    )
)
def test_password_change(client, employer, data):
    with isolated_example(client, employer):
        submit(client, "post", "/espace/compte/mot-de-passe/", data)


# « Offres »


def offer_form_data(employer, current_edition):
    return {
        "title": "Préparateur de commandes",
        "description": "Préparer les commandes avec l'équipe logistique.",
        "sector": "logistique",
        "address": "10 rue de la Roquette",
        "postcode": "75011",
        "commune": "Paris",
        "department": "",
        "modality": "presentiel",
        "date": current_edition.duoday_date.strftime("%d/%m/%Y"),
        "schedule": "9 h – 17 h",
        "accessibility": "Plain-pied.",
        "referent": str(employer.pk),
    }


@EXAMPLES
@given(data=st.data())
def test_offer_creation(client, employer, current_edition, data):
    form_data = data.draw(with_hostile_values(offer_form_data(employer, current_edition)))
    with isolated_example(client, employer):
        submit(client, "post", "/espace/offres/ajouter/", form_data)


@EXAMPLES
@given(data=st.data())
def test_offer_edition(client, employer, current_edition, offer, data):
    form_data = data.draw(with_hostile_values(offer_form_data(employer, current_edition)))
    with isolated_example(client, employer):
        submit(client, "post", f"/espace/offres/{offer.pk}/editer/", form_data)


@EXAMPLES
@given(query=hostile_query())
def test_employer_offer_list_filters(client, employer, offer, query):
    with isolated_example(client, employer):
        submit(client, "get", "/espace/offres/", query)


@EXAMPLES
@given(query=hostile_query())
def test_support_offer_list_filters(client, support_referent, offer, query):
    with isolated_example(client, support_referent):
        submit(client, "get", "/espace/offres/", query)


@EXAMPLES
@given(message=hostile_text)
def test_declare_interest(client, support_referent, offer, message):
    with isolated_example(client, support_referent):
        submit(client, "post", f"/espace/offres/{offer.pk}/interet/", {"message": message})


@EXAMPLES
@given(
    data=with_hostile_values({"person_first_name": "Léa", "person_last_name": "Durand"}),
)
def test_form_duo(client, support_referent, offer, data):
    with isolated_example(client, support_referent):
        submit(client, "post", f"/espace/offres/{offer.pk}/duo/", data)


# « Annuaire des SA », « Historique », « Mes duos »


@EXAMPLES
@given(query=hostile_query())
def test_support_directory_filters(client, employer, support_referent, query):
    with isolated_example(client, employer):
        submit(client, "get", "/espace/annuaire/", query)


@EXAMPLES
@given(page=hostile_text)
def test_history_pagination(client, employer, support_referent, past_duo, page):
    for user in (employer, support_referent):
        with isolated_example(client, user):
            submit(client, "get", "/espace/historique/", {"page": page})


@EXAMPLES
@given(page=hostile_text)
def test_my_duos_pagination(client, support_referent, page):
    with isolated_example(client, support_referent):
        submit(client, "get", "/espace/duos/", {"page": page})


def test_the_fixtures_are_what_the_examples_need(
    client, employer, support_referent, offer, past_duo, invitation_url
):
    """The cast above makes the pages answer normally: a bad-input test of a page that only
    ever answers 404 would prove nothing."""
    client.force_login(employer)
    assert client.get("/espace/offres/").status_code == 200
    assert client.get("/espace/annuaire/").status_code == 200
    assert client.get(f"/espace/offres/{offer.pk}/editer/").status_code == 200
    assert Department.objects.filter(code="75").exists()
    client.force_login(support_referent)
    assert client.get(f"/espace/offres/{offer.pk}/duo/").status_code == 200
    assert client.get("/espace/historique/").status_code == 200
    client.logout()
    assert client.get(invitation_url).status_code == 200
    assert client.get(ContactPage.objects.get().url).status_code == 200
