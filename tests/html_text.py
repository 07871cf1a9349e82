"""What a user reads on a page: its text, without tags, entities or extra whitespace."""

from html.parser import HTMLParser


class _TextCollector(HTMLParser):
    SKIPPED = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.chunks.append(data)


def text_of(response_or_html):
    """The visible text of a response (or of an HTML string), whitespace collapsed."""
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return " ".join("".join(collector.chunks).split())
