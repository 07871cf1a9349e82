from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from documents.resources import documents_for


class ResourcesPage(Page):
    """Public « Ressources » page: the public documents, by collection."""

    intro = models.TextField(_("chapô"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("page des ressources")
        verbose_name_plural = _("pages des ressources")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["collections"] = documents_for(request.user)
        return context
