from django import template

from directory.personal_space import tabs_for

register = template.Library()


@register.inclusion_tag("includes/personal_space_nav.html", takes_context=True)
def personal_space_nav(context):
    request = context["request"]
    return {"tabs": tabs_for(request.user, request.path)}
