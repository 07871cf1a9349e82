"""The pre-filled « attestation de stage » of a formed duo, as an accessible PDF.

WeasyPrint renders templates/offers/attestation.html into a tagged PDF/UA-1: real text, the
document's language (`<html lang="fr">`) and title (`<title>`) in the PDF, headings and
table tagged for screen readers. The rendering never reaches the network: the only files it
may read are under the project's `static/` directory (the stylesheet); fonts are the
system's (DejaVu, through fontconfig).
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML
from weasyprint.urls import URLFetcher

PDF_VARIANT = "pdf/ua-1"


def _static_root():
    return Path(settings.BASE_DIR, "static").resolve()


class LocalStaticFiles(URLFetcher):
    """Fetches `file:` URLs under `root` only: no network, no other file of the server."""

    def __init__(self, root):
        super().__init__(allowed_protocols={"file"})
        self.root = root

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"Refused: {url}")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root):
            raise ValueError(f"Refused: {url}")
        return super().fetch(url, headers)


def attestation_filename(duo):
    """« attestation-duoday-2026-camille-durand.pdf »."""
    person = slugify(duo.person_name) or str(duo.pk)
    return f"attestation-duoday-{duo.offer.edition.year}-{person}.pdf"


def render_attestation(duo):
    """The PDF (bytes) of `duo`, whose offer, edition, employer, referent and SA are loaded."""
    html = render_to_string(
        "offers/attestation.html",
        {
            "duo": duo,
            "offer": duo.offer,
            "edition": duo.offer.edition,
            "today": timezone.localdate(),
        },
    )
    root = _static_root()
    document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=LocalStaticFiles(root))
    return document.write_pdf(pdf_variant=PDF_VARIANT)
