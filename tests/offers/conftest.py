"""The cast of the offer tests: a current edition, an employer in Lyon and an SA serving
the Rhône (69), each with a referent, and an open offer of the employer."""

import pytest

from tests.factories import EditionFactory, OfferFactory, ReferentFactory, StructureFactory


@pytest.fixture
def current_edition(db):
    return EditionFactory(current=True)


@pytest.fixture
def past_edition(db):
    return EditionFactory()


@pytest.fixture
def employer(current_edition):
    """The referent of « Boulangerie Dupain », a validated employer in Lyon."""
    structure = StructureFactory(name="Boulangerie Dupain", postcode="69003", commune="Lyon")
    return ReferentFactory(
        structure=structure,
        first_name="Camille",
        last_name="Martin",
        email="camille.martin@dupain.fr",
        phone="06 11 22 33 44",
    )


@pytest.fixture
def support_referent(current_edition):
    """The referent of « ESAT Les Ateliers », a validated SA serving the Rhône (69)."""
    structure = StructureFactory(
        support=True,
        validated=True,
        name="ESAT Les Ateliers",
        postcode="69001",
        commune="Lyon",
        served_departments=["69"],
    )
    return ReferentFactory(
        structure=structure,
        first_name="Sacha",
        last_name="Bernard",
        email="sacha.bernard@ateliers.fr",
        phone="06 55 44 33 22",
    )


@pytest.fixture
def other_support_referent(current_edition):
    """The referent of « Cap Emploi Rhône », a second validated SA serving the Rhône."""
    structure = StructureFactory(
        support=True,
        validated=True,
        name="Cap Emploi Rhône",
        postcode="69007",
        commune="Lyon",
        served_departments=["69"],
    )
    return ReferentFactory(
        structure=structure,
        first_name="Dominique",
        last_name="Petit",
        email="dominique.petit@capemploi69.fr",
    )


@pytest.fixture
def offer(employer):
    """An open offer of the employer in Lyon (69), of the current edition."""
    return OfferFactory(
        structure=employer.structure, referent=employer, title="Vendeur en boulangerie"
    )


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run a transition and the e-mails it sends once its transaction commits."""

    def run(transition, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return transition(*args, **kwargs)

    return run
