"""The documentary collections: « Attestations » (restricted) and « Kit de communication»."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils.file import hash_filelike

ATTESTATIONS = "Attestations"
COMMUNICATION_KIT = "Kit de communication"


def set_restricted(collection, restricted):
    """A restricted collection's documents are for logged-in users only (Wagtail's « login »
    view restriction); a public one carries no restriction of its own."""
    own = CollectionViewRestriction.objects.filter(collection=collection)
    if not restricted:
        own.delete()
    elif not own.exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )


def collection(name, restricted):
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=name).first()
    if found is None:
        found = root.add_child(name=name)
    if restricted:
        set_restricted(found, restricted=True)
    return found


@transaction.atomic
def setup_collections():
    return {
        ATTESTATIONS: collection(ATTESTATIONS, restricted=True),
        COMMUNICATION_KIT: collection(COMMUNICATION_KIT, restricted=False),
    }


def simple_pdf(title, lines):
    """A small valid one-page PDF, enough for demo documents."""
    text_ops = [f"BT /F1 20 Tf 72 760 Td ({_pdf_escape(title)}) Tj ET"]
    y = 720
    for line in lines:
        text_ops.append(f"BT /F1 12 Tf 72 {y} Td ({_pdf_escape(line)}) Tj ET")
        y -= 20
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        output.write(b"%010d 00000 n \n" % offset)
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return output.getvalue()


def _pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def logo_png():
    image = Image.new("RGB", (400, 160), "#000091")
    ImageDraw.Draw(image).text((40, 60), "DuoDay", fill="white")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def seed_documents():
    collections = setup_collections()
    Document = get_document_model()
    demo_documents = [
        (
            ATTESTATIONS,
            "Modèle d'attestation de stage",
            "modele-attestation-stage.pdf",
            simple_pdf(
                "Attestation de stage DuoDay",
                ["Je soussigne(e) ..., atteste que ...", "a effectue un duo le ..."],
            ),
        ),
        (
            ATTESTATIONS,
            "Convention de stage d'une journée (modèle)",
            "convention-duoday.pdf",
            simple_pdf("Convention de stage DuoDay", ["Entre l'employeur ...", "et ..."]),
        ),
        (COMMUNICATION_KIT, "Logo DuoDay", "logo-duoday.png", logo_png()),
        (
            COMMUNICATION_KIT,
            "Flyer DuoDay",
            "flyer-duoday.pdf",
            simple_pdf("DuoDay", ["Un jour, un duo, une rencontre.", "Inscrivez-vous !"]),
        ),
        (
            COMMUNICATION_KIT,
            "Affiche DuoDay",
            "affiche-duoday.pdf",
            simple_pdf("DuoDay - affiche", ["En novembre, formez un duo."]),
        ),
    ]
    for collection_name, title, filename, content in demo_documents:
        if Document.objects.filter(title=title).exists():
            continue
        # Size and hash known up front, as Wagtail's upload form does: otherwise the first
        # listing of the documents saves each size, one UPDATE per document.
        document = Document(
            title=title,
            collection=collections[collection_name],
            file_size=len(content),
            file_hash=hash_filelike(io.BytesIO(content)),
        )
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
