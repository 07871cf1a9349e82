"""Build the public page tree once; editors own it afterwards. Idempotent."""

import datetime

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from documents.models import ResourcesPage
from home import site_content
from home.models import (
    AccessibilityPage,
    ContactFormField,
    ContactPage,
    FaqPage,
    FooterSettings,
    GuidePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OfferSearchPage,
    StandardPage,
)


def _child(parent, model, slug, **fields):
    """The child page of `parent` with this slug, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _home_page(content):
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(
        title="Accueil",
        slug="accueil",
        seo_title="DuoDay — une journée en duo avec un professionnel",
        hero_title="DuoDay : un jour, un duo, une rencontre",
        hero_text=(
            "Chaque année en novembre, des personnes en situation de handicap passent une "
            "journée en duo avec un professionnel, chez un employeur. Employeurs et structures "
            "accompagnantes, rejoignez l'opération."
        ),
        key_figures=content["key_figures"],
        employer_cta_text=(
            "Ouvrez vos portes le temps d'une journée : publiez vos offres de duo et trouvez "
            "les structures accompagnantes de votre territoire."
        ),
        sa_cta_text=(
            "Consultez les offres de votre département et associez-y les personnes que vous "
            "accompagnez pour constituer des duos."
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    # Wagtail's placeholder « Welcome » page goes; the site now starts at our home page.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="DuoDay"
        )
    else:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = "DuoDay"
        site.save()
        if placeholder.pk != home.pk and not placeholder.get_children().exists():
            placeholder.delete()
    return home


@transaction.atomic
def setup_site():
    """The public page tree, its text read from `home/site_content.json`."""
    content = site_content.load()
    home = _home_page(content)
    _child(
        home,
        StandardPage,
        "operation",
        title="L'opération",
        show_in_menus=True,
        intro="Une journée pour changer de regard.",
        body=content["about"],
    )
    offer_search = _child(
        home,
        OfferSearchPage,
        "offres",
        title="Trouver une offre",
        show_in_menus=True,
        intro="Les offres de duos ouvertes de l'édition en cours, partout en France.",
    )
    news = _child(
        home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        show_in_menus=True,
        intro="Les dernières nouvelles de l'opération DuoDay.",
    )
    faq = _child(
        home,
        FaqPage,
        "faq",
        title="Foire aux questions",
        show_in_menus=True,
        intro="Les réponses aux questions les plus fréquentes.",
        questions=content["faq"],
    )
    guide = _child(
        home,
        GuidePage,
        "guide-employeurs",
        title="Guide employeurs",
        seo_title="Guide d'utilisation espace personnel « Employeurs »",
        show_in_menus=True,
        intro=content["guide_intro"],
        body=content["guide"],
    )
    _child(
        home,
        ResourcesPage,
        "ressources",
        title="Ressources",
        show_in_menus=True,
        intro="Logo, flyers et affiches pour faire connaître l'opération.",
    )
    contact = ContactPage.objects.first()
    if contact is None:
        contact = ContactPage(
            title="Contact",
            slug="contact",
            show_in_menus=True,
            intro="<p>Une question sur l'opération ou sur votre espace personnel ? "
            "Écrivez-nous : nous vous répondons sous deux jours ouvrés.</p>",
            thank_you_text="<p>Merci, nous vous répondrons rapidement.</p>",
            to_address="contact@duoday.fr",
            from_address="ne-pas-repondre@duoday.fr",
            subject="Nouveau message depuis le formulaire de contact",
        )
        home.add_child(instance=contact)
        for order, (label, field_type, required, help_text) in enumerate(
            [
                ("Nom et prénom", "singleline", True, ""),
                ("Adresse e-mail", "email", True, "Format attendu : nom@domaine.fr"),
                ("Structure", "singleline", False, ""),
                ("Objet", "singleline", True, ""),
                ("Message", "multiline", True, ""),
            ]
        ):
            ContactFormField.objects.create(
                page=contact,
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                help_text=help_text,
            )
        contact.save_revision().publish()
    accessibility = _child(
        home,
        AccessibilityPage,
        "accessibilite",
        title="Accessibilité",
        body=content["accessibility"],
    )
    legal = _child(
        home,
        StandardPage,
        "mentions-legales",
        title="Mentions légales",
        body=content["legal_notice"],
    )
    personal_data = _child(
        home,
        StandardPage,
        "donnees-personnelles",
        title="Données personnelles",
        body=content["personal_data"],
    )

    if home.employer_cta_page_id is None or home.sa_cta_page_id is None:
        home.employer_cta_page = home.employer_cta_page or guide
        home.sa_cta_page = home.sa_cta_page or offer_search
        home.save_revision().publish()
    site = Site.objects.get(root_page=home)
    footer = FooterSettings.for_site(site)
    footer.accessibility_page = footer.accessibility_page or accessibility
    footer.legal_notice_page = footer.legal_notice_page or legal
    footer.personal_data_page = footer.personal_data_page or personal_data
    footer.save()
    return {"home": home, "news": news, "faq": faq, "guide": guide}


def seed_news(news_index):
    articles = [
        (
            "DuoDay 2026 : les inscriptions sont ouvertes",
            datetime.date(2026, 9, 1),
            "Employeurs et structures accompagnantes peuvent dès aujourd'hui s'inscrire.",
        ),
        (
            "Retour sur l'édition 2025",
            datetime.date(2025, 12, 5),
            "Des milliers de duos partout en France : merci à toutes et à tous.",
        ),
        (
            "Nouveau : le kit de communication",
            datetime.date(2026, 10, 1),
            "Logo, flyers et affiches sont disponibles dans les ressources.",
        ),
    ]
    for title, date, intro in articles:
        _child(
            news_index,
            NewsPage,
            slugify(title)[:50],
            title=title,
            date=date,
            intro=intro,
            body=[site_content.paragraph(intro)],
        )
