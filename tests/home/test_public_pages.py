"""Every public page answers in French, with the site's header and footer."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import (
    NewsPageFactory,
    ReferentFactory,
    StandardPageFactory,
    StructureFactory,
    UserFactory,
)
from tests.html_text import soup, text_of

PUBLIC_PAGES = [
    ("/", "DuoDay : un jour, un duo, une rencontre"),
    ("/operation/", "L'opération Une journée pour changer de regard."),
    ("/actualites/", "Actualités Les dernières nouvelles de l'opération DuoDay."),
    ("/faq/", "Que signifient les termes « non concrétisée » / « en cours » / « concrétisée » ?"),
    ("/guide-employeurs/", "1. A quoi sert mon espace personnel"),
    ("/contact/", "Tous les champs marqués d’un astérisque (*) sont obligatoires."),
    ("/ressources/", "Ressources Logo, flyers et affiches pour faire connaître l'opération."),
    ("/accessibilite/", "Le portail DuoDay est partiellement conforme"),
    ("/mentions-legales/", "Mentions légales Éditeur du site"),
    ("/donnees-personnelles/", "Aucune information relative au handicap n'est jamais enregistrée."),
    ("/connexion/", "Connexion à votre espace personnel"),
]


@pytest.mark.parametrize(("url", "expected_text"), PUBLIC_PAGES)
def test_public_page_renders_its_french_content(client, site_tree, url, expected_text):
    response = client.get(url)

    assert response.status_code == 200
    assert expected_text in text_of(response)


def test_news_article_shows_its_title_date_and_intro(client, site_tree):
    article = NewsPageFactory(
        title="Retour sur l'édition 2025",
        date=datetime.date(2026, 1, 1),  # not the factory's sequence: other tests advance it
        intro="Merci à tous les duos.",
    )

    response = client.get(article.url)

    assert response.status_code == 200
    assert "Retour sur l'édition 2025 Publié le 1 janvier 2026 Merci à tous les duos." in text_of(
        response
    )


def test_news_index_links_its_articles(client, site_tree):
    article = NewsPageFactory(title="Les inscriptions sont ouvertes")

    response = client.get("/actualites/")

    assertContains(
        response, f'<a href="{article.url}">Les inscriptions sont ouvertes</a>', html=True
    )


def test_home_page_shows_the_latest_news(client, site_tree):
    NewsPageFactory(title="Le kit de communication est en ligne")

    response = client.get("/")

    assert "Actualités Le kit de communication est en ligne" in text_of(response)


def test_faq_shows_the_questions_of_the_guide(client, site_tree):
    response = client.get("/faq/")

    page_text = text_of(response)
    assert "Est-il possible de contacter directement une structure accompagnante ?" in page_text
    assert "Existe-t-il des modèles d'attestations de stage ?" in page_text


def test_faq_says_how_to_import_offers(client, site_tree):
    page_text = text_of(client.get("/faq/"))

    assert (
        "J'ai beaucoup d'offres à inscrire. Y a-t-il un module d'import ? Oui. Onglet « Offres » "
        "→ Cliquez sur « Importer des offres »" in page_text
    )
    assert "pas prévue" not in page_text


def test_accessibility_statement_shows_the_compliance_status(client, site_tree):
    response = client.get("/accessibilite/")

    assert "Le portail DuoDay est partiellement conforme avec le référentiel général" in text_of(
        response
    )


def test_unknown_page_answers_404(client, site_tree):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/operation/", "L'opération"),
        ("/actualites/", "Actualités"),
        ("/faq/", "Foire aux questions"),
        ("/guide-employeurs/", "Guide employeurs"),
        ("/ressources/", "Ressources"),
        ("/contact/", "Contact"),
    ],
)
def test_main_menu_links_the_public_section(client, site_tree, url, title):
    response = client.get("/")

    assertContains(response, f'<a class="fr-nav__link" href="{url}">{title}</a>', html=True)


def test_page_shown_in_menus_joins_the_main_menu(client, site_tree):
    StandardPageFactory(title="Témoignages", show_in_menus=True)

    response = client.get("/")

    assertContains(
        response, '<a class="fr-nav__link" href="/temoignages/">Témoignages</a>', html=True
    )


def test_page_not_shown_in_menus_stays_out_of_the_main_menu(client, site_tree):
    StandardPageFactory(title="Témoignages", show_in_menus=False)

    response = client.get("/")

    assertNotContains(response, 'href="/temoignages/"')


def test_main_menu_marks_the_current_section(client, site_tree):
    response = client.get("/faq/")

    assertContains(
        response,
        '<a class="fr-nav__link" href="/faq/" aria-current="page">Foire aux questions</a>',
        html=True,
    )


def test_header_offers_connexion_to_a_visitor(client, site_tree):
    response = client.get("/")

    assertContains(
        response,
        '<a class="fr-btn fr-icon-lock-line" href="/connexion/">Connexion</a>',
        html=True,
    )
    assertNotContains(response, "Déconnexion")


def test_header_shows_the_name_and_deconnexion_to_a_logged_in_user(client, site_tree):
    client.force_login(UserFactory(first_name="Camille", last_name="Durand"))

    response = client.get("/")

    assert "Camille Durand Déconnexion" in text_of(response)
    assertNotContains(response, 'href="/connexion/"')


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/accessibilite/", "Accessibilité : partiellement conforme"),
        ("/mentions-legales/", "Mentions légales"),
        ("/donnees-personnelles/", "Données personnelles"),
    ],
)
def test_footer_links_the_legal_page(client, site_tree, url, label):
    response = client.get("/operation/")

    assertContains(
        response, f'<a class="fr-footer__bottom-link" href="{url}">{label}</a>', html=True
    )


def test_unknown_page_says_so_in_french(client, site_tree):
    response = client.get("/cette-page-n-existe-pas/")

    assert "Page introuvable" in text_of(response)


def proposer_un_duo_href(response):
    """Where the home page's « Proposer un duo » button leads."""
    button = soup(response).find(
        lambda tag: (
            tag.name == "a" and tag.get("class") == ["fr-btn"] and text_of(tag) == "Proposer un duo"
        )
    )
    return button["href"] if button else None


def test_proposer_un_duo_leads_a_visitor_to_registration(client, site_tree):
    assert proposer_un_duo_href(client.get("/")) == "/inscription/"


def test_proposer_un_duo_leads_an_employer_to_ajouter_une_offre(client, site_tree):
    client.force_login(ReferentFactory())

    assert proposer_un_duo_href(client.get("/")) == "/espace/offres/ajouter/"


def test_proposer_un_duo_keeps_the_editors_page_for_a_support_structure(client, site_tree):
    client.force_login(ReferentFactory(structure=StructureFactory(support=True, validated=True)))

    assert proposer_un_duo_href(client.get("/")) == "/guide-employeurs/"


def test_home_page_still_links_the_editors_page_beside_the_button(client, site_tree):
    assertContains(client.get("/"), 'href="/guide-employeurs/"')
