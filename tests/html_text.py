"""Reading HTML in tests: the one place, with BeautifulSoup (never regular expressions on
markup, which break on an attribute's order or a line break).

- `soup(response)`: the parsed page, for `select`, `select_one`, `find_all`…;
- `text_of(response_or_element)`: what a user reads, without tags, entities or extra
  whitespace;
- `texts(response, css)`: the text of each element a CSS selector finds;
- `field_errors(response, field_id)`: the messages shown under a form field.
"""

from bs4 import BeautifulSoup, Tag

# Never read by a user (a <template> is inert until a script uses it).
UNREAD = ["script", "style", "template"]


def soup(response_or_html):
    """The parsed HTML of a response, of bytes or of a string."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    return BeautifulSoup(html, "html.parser")


def text_of(response_or_html):
    """The visible text of a response, of an HTML string or of an element, whitespace
    collapsed."""
    if isinstance(response_or_html, Tag):
        element = BeautifulSoup(str(response_or_html), "html.parser")
    else:
        element = soup(response_or_html)
    for unread in element.find_all(UNREAD):
        unread.decompose()
    return " ".join(element.get_text().split())


def texts(response_or_html, css):
    """The text of every element matching the CSS selector, in the page's order."""
    return [text_of(element) for element in soup(response_or_html).select(css)]


def field_errors(response_or_html, field_id):
    """The error messages shown right under the field whose HTML id is `field_id` (DSFR:
    one <p> each in `<div id="<field_id>-error">`)."""
    group = soup(response_or_html).find(id=f"{field_id}-error")
    if group is None:
        return []
    return [text_of(message) for message in group.find_all("p")]
