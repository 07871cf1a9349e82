"""The resources pages run as many SQL queries for 3 documents as for 30."""

import pytest

from tests.factories import DocumentFactory, ReferentFactory

# Measured on a warm request; a change that adds queries per document breaks these bounds.
RESSOURCES_PAGE_QUERIES_FOR_A_VISITOR = 13
RESSOURCES_PAGE_QUERIES_FOR_A_USER = 16  # + the referent's structure
PERSONAL_RESOURCES_QUERIES = 11  # + the referent's structure


def create_documents(count):
    for number in range(count):
        DocumentFactory(restricted=number % 2 == 0)


@pytest.mark.parametrize("document_count", [3, 30])
def test_ressources_page_queries_do_not_grow_with_documents(
    client, site_tree, django_assert_max_num_queries, document_count
):
    create_documents(document_count)
    client.get("/ressources/")  # warms Wagtail's caches of site root paths and content types

    with django_assert_max_num_queries(RESSOURCES_PAGE_QUERIES_FOR_A_VISITOR):
        response = client.get("/ressources/")

    assert response.status_code == 200


@pytest.mark.parametrize("document_count", [3, 30])
def test_ressources_page_queries_for_a_logged_in_user_do_not_grow_with_documents(
    client, site_tree, django_assert_max_num_queries, document_count
):
    create_documents(document_count)
    client.force_login(ReferentFactory())
    client.get("/ressources/")

    with django_assert_max_num_queries(RESSOURCES_PAGE_QUERIES_FOR_A_USER):
        response = client.get("/ressources/")

    assert response.status_code == 200


@pytest.mark.parametrize("document_count", [3, 30])
def test_personal_resources_queries_do_not_grow_with_documents(
    client, site_tree, django_assert_max_num_queries, document_count
):
    create_documents(document_count)
    client.force_login(ReferentFactory())
    client.get("/espace/ressources/")

    with django_assert_max_num_queries(PERSONAL_RESOURCES_QUERIES):
        response = client.get("/espace/ressources/")

    assert response.status_code == 200
