from django.core.paginator import Paginator
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import ContentStreamBlock, FaqStreamBlock, GuideStreamBlock, KeyFigureBlock
from offers.models import Edition
from portal import page_cache
from portal.emails import send_email
from portal.rate_limits import form_within_limits

NEWS_PER_PAGE = 10


class SharedSiteSetting(BaseSiteSetting):
    """A site setting read from the shared cache (portal/page_cache.py, purged when a
    setting or a page changes), with the related objects of `cached_relations`: every page
    shows it, and it changes rarely."""

    cached_relations = ()

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        # The site from the shared cache too; Wagtail then keeps the setting on the request.
        page_cache.site_for_request(request)
        return super().for_request(request)

    @classmethod
    def for_site(cls, site):
        def load():
            instance = super(SharedSiteSetting, cls).for_site(site)
            for relation in cls.cached_relations:
                getattr(instance, relation)  # loaded now, kept with the instance
            return instance

        return page_cache.remember(f"{cls._meta.label}:{site.pk}", load)


@register_setting(icon="mail")
class ContactSettings(SharedSiteSetting):
    """« Coordonnées »: the contact phone and e-mail printed across the site."""

    phone = models.CharField(_("téléphone de contact"), max_length=30, default="0 800 386 329")
    email = models.EmailField(_("e-mail de contact"), default="contact@duoday.fr")

    class Meta:
        verbose_name = _("Coordonnées")
        verbose_name_plural = _("Coordonnées")

    @property
    def phone_uri(self):
        digits = "".join(char for char in self.phone if char.isdigit())
        if self.phone.strip().startswith("+"):
            return f"tel:+{digits}"
        if digits.startswith("0"):
            return f"tel:+33{digits[1:]}"
        return f"tel:{digits}"


@register_setting(icon="list-ul")
class FooterSettings(SharedSiteSetting):
    """The legal pages every French public portal links from its footer."""

    # Loaded with its pages in one query (templates/includes/footer.html links all three).
    select_related = ["accessibility_page", "legal_notice_page", "personal_data_page"]
    cached_relations = ("accessibility_page", "legal_notice_page", "personal_data_page")

    accessibility_page = models.ForeignKey(
        "home.AccessibilityPage",
        verbose_name=_("page « Accessibilité »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Mentions légales »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page « Données personnelles »"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        PageChooserPanel("accessibility_page"),
        PageChooserPanel("legal_notice_page"),
        PageChooserPanel("personal_data_page"),
    ]

    class Meta:
        verbose_name = _("Pied de page")
        verbose_name_plural = _("Pieds de page")


class HomePage(Page):
    hero_title = models.CharField(_("titre d'accroche"), max_length=200)
    hero_text = models.TextField(_("texte d'accroche"), blank=True)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name=_("chiffres clés"), blank=True
    )
    employer_cta_title = models.CharField(
        _("titre de l'appel aux employeurs"), max_length=150, default="Vous êtes employeur"
    )
    employer_cta_text = models.TextField(_("texte de l'appel aux employeurs"), blank=True)
    employer_cta_label = models.CharField(
        _("libellé du bouton employeurs"), max_length=80, default="Proposer un duo"
    )
    employer_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page cible employeurs"),
        help_text=_(
            "Proposée en lien à côté du bouton. Le bouton mène à l'inscription pour un "
            "visiteur, à « Ajouter une offre » pour un employeur connecté."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sa_cta_title = models.CharField(
        _("titre de l'appel aux structures accompagnantes"),
        max_length=150,
        default="Vous êtes une structure accompagnante",
    )
    sa_cta_text = models.TextField(_("texte de l'appel aux structures accompagnantes"), blank=True)
    sa_cta_label = models.CharField(
        _("libellé du bouton structures accompagnantes"),
        max_length=80,
        default="Trouver un duo",
    )
    sa_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page cible structures accompagnantes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Accroche")),
        FieldPanel("key_figures"),
        MultiFieldPanel(
            [
                FieldPanel("employer_cta_title"),
                FieldPanel("employer_cta_text"),
                FieldRowPanel([FieldPanel("employer_cta_label"), FieldPanel("employer_cta_page")]),
            ],
            heading=_("Appel aux employeurs"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sa_cta_title"),
                FieldPanel("sa_cta_text"),
                FieldRowPanel([FieldPanel("sa_cta_label"), FieldPanel("sa_cta_page")]),
            ],
            heading=_("Appel aux structures accompagnantes"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")
        verbose_name_plural = _("pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = NewsPage.objects.live().public().order_by("-date", "-pk")[:3]
        context["current_edition"] = Edition.current()
        context["employer_cta_url"] = self.employer_cta_url(request.user)
        return context

    def employer_cta_url(self, user):
        """Where « Proposer un duo » leads: a visitor registers first, an employer referent
        adds an offer; anyone else reads the page the editor chose."""
        if not user.is_authenticated:
            return reverse("directory:register")
        structure = getattr(user, "structure", None)
        if structure is not None and structure.is_employer:
            return reverse("offers:create")
        return self.employer_cta_page.url if self.employer_cta_page else None


class StandardPage(Page):
    intro = models.TextField(_("chapô"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


class AccessibilityPage(Page):
    """The accessibility statement, with the compliance status the law asks for."""

    class ComplianceStatus(models.TextChoices):
        FULL = "totalement", _("totalement conforme")
        PARTIAL = "partiellement", _("partiellement conforme")
        NONE = "non", _("non conforme")

    compliance_status = models.CharField(
        _("état de conformité"),
        max_length=20,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("compliance_status"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = _("déclaration d'accessibilité")
        verbose_name_plural = _("déclarations d'accessibilité")


class NewsIndexPage(Page):
    intro = models.TextField(_("chapô"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("liste des actualités")
        verbose_name_plural = _("listes des actualités")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        context["page_obj"] = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class NewsPage(Page):
    date = models.DateField(_("date de publication"))
    intro = models.TextField(_("chapô"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")


class FaqPage(Page):
    intro = models.TextField(_("chapô"), blank=True)
    questions = StreamField(FaqStreamBlock(), verbose_name=_("questions"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("questions")]
    search_fields = Page.search_fields + [index.SearchField("questions")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("foire aux questions")
        verbose_name_plural = _("foires aux questions")


class GuidePage(Page):
    """A user guide: sections, step-by-step click paths and questions."""

    intro = models.TextField(_("chapô"), blank=True)
    body = StreamField(GuideStreamBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guide d'utilisation")
        verbose_name_plural = _("guides d'utilisation")


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(AbstractFormField.Meta):
        verbose_name = _("champ du formulaire")
        verbose_name_plural = _("champs du formulaire")


class ContactPage(AbstractEmailForm):
    """Contact form: submissions are stored in the admin and e-mailed in the background."""

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("message de remerciement"), blank=True)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Champs du formulaire")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail envoyé à chaque message"),
        ),
    ]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("page de contact")
        verbose_name_plural = _("pages de contact")

    def serve(self, request, *args, **kwargs):
        # Rate limit (portal/rate_limits.py): over it, the form comes back with the message.
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if form.is_valid() and not form_within_limits(request, form, "contact"):
                context = self.get_context(request)
                context["form"] = form
                return TemplateResponse(request, self.get_template(request), context)
        return super().serve(request, *args, **kwargs)

    def send_mail(self, form):
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        send_email.enqueue(
            subject=self.subject,
            body=self.render_email(form),
            recipients=addresses,
            from_email=self.from_address or None,
            reply_to=self.visitor_addresses(form),
        )

    def visitor_addresses(self, form):
        """The addresses the visitor typed in the form's e-mail fields: the team answers
        them with « Répondre »."""
        return [
            form.cleaned_data[field.clean_name]
            for field in self.get_form_fields()
            if field.field_type == "email" and form.cleaned_data.get(field.clean_name)
        ]


class OfferSearchPage(RoutablePageMixin, Page):
    """Public search of the open offers of the current edition, and each open offer's own
    page under it (`<page>/<offer id>/`): no referent's contact."""

    intro = models.TextField(_("chapô"), blank=True)
    call_to_action = models.TextField(
        _("appel à l'inscription"),
        blank=True,
        default="Vous êtes une structure accompagnante ? Inscrivez-vous pour vous positionner "
        "sur ces offres et constituer des duos.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("call_to_action")]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("recherche d'offres")
        verbose_name_plural = _("recherches d'offres")

    @path("<int:offer_id>/", name="offer")
    def offer(self, request, offer_id):
        return self.render(request, offer_id=offer_id, template="offers/public_offer.html")

    def get_context(self, request, *args, offer_id=None, **kwargs):
        from offers import public

        context = super().get_context(request, *args, **kwargs)
        if offer_id is None:
            context.update(public.public_search(request))
        else:
            context.update(public.public_offer(request, offer_id))
        return context
