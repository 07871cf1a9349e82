"""The initial content of the public site, for `setup_site`: the French text is data, in
`home/site_content.json`; this module turns its blocks into the pages' stream blocks.

Editors change all of it in the Wagtail admin afterwards; this only fills an empty site.
"""

import json
import uuid
from pathlib import Path

DATA_FILE = Path(__file__).with_name("site_content.json")


def rich_text(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def question(text, *answer_paragraphs):
    return {
        "type": "question",
        "value": {"question": text, "answer": rich_text(*answer_paragraphs)},
        "id": str(uuid.uuid4()),
    }


def heading(text):
    return {"type": "heading", "value": text, "id": str(uuid.uuid4())}


def paragraph(*paragraphs):
    return {"type": "paragraph", "value": rich_text(*paragraphs), "id": str(uuid.uuid4())}


def bullet_list(items):
    html = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


def contact_details(before, after=""):
    """The contact phone and e-mail, read from the « Coordonnées » settings when shown."""
    return {
        "type": "contact_details",
        "value": {"before": before, "after": after},
        "id": str(uuid.uuid4()),
    }


def figure(figure, label):
    return {"type": "figure", "value": {"figure": figure, "label": label}, "id": str(uuid.uuid4())}


def stream_block(block, faq):
    """One stream block (or several, for {"include": "faq"}) from one block of the data file."""
    if "heading" in block:
        return [heading(block["heading"])]
    if "paragraph" in block:
        return [paragraph(*block["paragraph"])]
    if "list" in block:
        return [bullet_list(block["list"])]
    if "question" in block:
        return [question(block["question"], *block["answer"])]
    if "contact_details" in block:
        return [contact_details(**block["contact_details"])]
    if "figure" in block:
        return [figure(block["figure"], block["label"])]
    if block.get("include") == "faq":
        return stream_blocks(faq, faq=[])
    raise ValueError(f"{DATA_FILE.name}: unknown block {sorted(block)}")


def stream_blocks(blocks, faq):
    return [built for block in blocks for built in stream_block(block, faq)]


# The page fields that hold stream blocks; the other fields are plain values.
STREAM_FIELDS = {"body", "questions", "key_figures"}


def load(path=DATA_FILE):
    """The site's initial content: {"faq": [stream blocks…], "pages": {slug: {field: value}}},
    stream fields built, each block with a new id."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    faq = data["faq"]
    return {
        "faq": stream_blocks(faq, faq=[]),
        "pages": {
            slug: {
                name: stream_blocks(value, faq=faq) if name in STREAM_FIELDS else value
                for name, value in fields.items()
            }
            for slug, fields in data["pages"].items()
        },
    }
