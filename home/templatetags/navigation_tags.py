from django import template
from django.template.loader import get_template
from django.utils.translation import get_language
from wagtail.contrib.settings.context_processors import SettingProxy

from portal import page_cache

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages under the site's home flagged « Afficher dans les menus »."""
    request = context.get("request")
    site = page_cache.site_for_request(request) if request else None
    if site is None:
        return {"menu_items": []}
    current_page = context.get("page")
    current_path = getattr(current_page, "path", "") or ""
    menu_items = [
        {**item, "is_current": current_path.startswith(item["path"]) or request.path == item["url"]}
        for item in page_cache.remember(f"main-menu:{site.pk}", lambda: _menu(site, request))
    ]
    for item in menu_items:
        del item["path"]
    return {"menu_items": menu_items}


def _menu(site, request):
    """The same for every visitor: kept in the shared cache until the next purge."""
    return [
        {"title": page.title, "url": page.get_url(request=request), "path": page.path}
        for page in site.root_page.get_children().live().public().in_menu()
    ]


@register.simple_tag(takes_context=True)
def site_footer(context):
    """templates/includes/footer.html, the same for every person of a site: rendered once
    and kept in the shared cache until the next purge (an editor's change to the settings
    or the pages it links)."""
    request = context.get("request")
    site = page_cache.site_for_request(request) if request else None
    if site is None:
        return _footer(request)
    return page_cache.remember(f"footer:{site.pk}:{get_language()}", lambda: _footer(request))


def _footer(request):
    """The footer with only what it may show to anyone: the site's settings and the
    request for its links, never the person's context (user, CSRF token, messages)."""
    context = {"settings": SettingProxy(request), "request": request}
    return get_template("includes/footer.html").render(context)
