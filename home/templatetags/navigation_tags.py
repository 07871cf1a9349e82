from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The live pages under the site's home flagged « Afficher dans les menus »."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"menu_items": []}
    current_page = context.get("page")
    current_path = getattr(current_page, "path", "") or ""
    menu_items = []
    for menu_page in site.root_page.get_children().live().public().in_menu():
        url = menu_page.get_url(request=request)
        is_current = current_path.startswith(menu_page.path) or request.path == url
        menu_items.append({"title": menu_page.title, "url": url, "is_current": is_current})
    return {"menu_items": menu_items}
