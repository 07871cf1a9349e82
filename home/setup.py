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


def _home_page(pages):
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(slug="accueil", **pages["accueil"])
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
    pages = site_content.load()["pages"]
    home = _home_page(pages)
    _child(home, StandardPage, "operation", **pages["operation"])
    offer_search = _child(home, OfferSearchPage, "offres", **pages["offres"])
    news = _child(home, NewsIndexPage, "actualites", **pages["actualites"])
    faq = _child(home, FaqPage, "faq", **pages["faq"])
    guide = _child(home, GuidePage, "guide-employeurs", **pages["guide-employeurs"])
    _child(home, ResourcesPage, "ressources", **pages["ressources"])
    contact = ContactPage.objects.first()
    if contact is None:
        fields = dict(pages["contact"])
        form_fields = fields.pop("form_fields")
        contact = ContactPage(slug="contact", **fields)
        home.add_child(instance=contact)
        for order, form_field in enumerate(form_fields):
            ContactFormField.objects.create(page=contact, sort_order=order, **form_field)
        contact.save_revision().publish()
    accessibility = _child(home, AccessibilityPage, "accessibilite", **pages["accessibilite"])
    legal = _child(home, StandardPage, "mentions-legales", **pages["mentions-legales"])
    personal_data = _child(
        home, StandardPage, "donnees-personnelles", **pages["donnees-personnelles"]
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
