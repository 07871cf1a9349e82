"""The page layouts' tags (templates/layouts/)."""

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def page_heading(context):
    """The page's `title` block rendered once more, for its <h1>.

    A page extending a layout writes its title once, in `{% block title %}` (base.html puts it
    in <title>); the layout writes `<h1>{% page_heading %}</h1>`. The block is the most derived
    one, as `{% block title %}` itself would render it here.
    """
    block = context.render_context[BLOCK_CONTEXT_KEY].get_block("title")
    with context.push(block=block):
        return block.nodelist.render(context)
