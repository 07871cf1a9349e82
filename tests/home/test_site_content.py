"""The seeded public content is data (home/site_content.json) that `setup_site` loads, and
its answers say what the portal does."""

import json

import pytest

from home import site_content
from tests.html_text import text_of


def test_every_page_and_block_of_the_data_file_is_understood():
    pages = site_content.load()["pages"]

    assert set(pages) == {
        "accueil",
        "operation",
        "offres",
        "actualites",
        "faq",
        "guide-employeurs",
        "ressources",
        "contact",
        "accessibilite",
        "mentions-legales",
        "donnees-personnelles",
    }
    assert all("id" in block for block in pages["guide-employeurs"]["body"])


def test_the_faq_page_and_the_guide_include_every_question_of_the_faq():
    content = site_content.load()

    def questions(blocks):
        return [block["value"]["question"] for block in blocks if block["type"] == "question"]

    faq = questions(content["faq"])
    assert faq
    assert questions(content["pages"]["faq"]["questions"]) == faq
    assert set(faq) <= set(questions(content["pages"]["guide-employeurs"]["body"]))


def test_an_unknown_block_is_refused(tmp_path):
    data_file = tmp_path / "content.json"
    unknown = {"faq": [], "pages": {"operation": {"body": [{"image": "x.png"}]}}}
    data_file.write_text(json.dumps(unknown))

    with pytest.raises(ValueError, match="unknown block"):
        site_content.load(data_file)


@pytest.mark.parametrize(
    "answer",
    [
        # The directory opens once coordination validated the employer, over the
        # departments of the structure and of its offers (directory/access.py).
        "Vous y trouvez les structures accompagnantes validées par la coordination qui "
        "interviennent dans le département de votre structure et dans ceux de vos offres",
        "L'annuaire s'ouvre dès que la coordination DuoDay a validé votre structure",
        # A filled offer: its employer and the SA of the duo only (Offer.objects.visible_to).
        "n'est plus visible que par l'employeur et par la structure accompagnante qui a "
        "constitué le duo",
        # The attestation is generated, pre-filled (offers/attestations.py).
        "son attestation se télécharge pré-remplie",
        # The import saves every row or none (offers/workflow.py import_offers).
        "elles sont toutes enregistrées d'un coup, « Non concrétisées », ou aucune",
    ],
)
def test_the_faq_says_what_the_portal_does(client, site_tree, answer):
    assert answer in text_of(client.get("/faq/"))


@pytest.mark.parametrize(
    "answer",
    [
        # Remote offers are within every SA's reach (OfferQuerySet.within_reach_of).
        "par toutes les structures accompagnantes pour une offre « Distanciel »",
        # Adding offers closes with the edition's registration (Edition.registration_closes).
        "Les offres s'ajoutent jusqu'à la date de clôture des inscriptions de l'édition",
        # Reconduction: a past edition chosen, copies « Non concrétisées » (offers/reconduction.py).
        "Choisissez une édition passée et les offres à reprendre",
    ],
)
def test_the_guide_says_what_the_portal_does(client, site_tree, answer):
    assert answer in text_of(client.get("/guide-employeurs/"))
