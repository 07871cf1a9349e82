"""The home page and the news pages run as many SQL queries for 3 articles as for 30."""

import pytest

from tests.factories import NewsPageFactory

# Measured on a warm request; a change that adds queries per article breaks these bounds.
HOME_PAGE_QUERIES = 13
NEWS_INDEX_QUERIES = 13


@pytest.fixture(params=[3, 30], ids=["3 articles", "30 articles"])
def news(request, site_tree):
    return NewsPageFactory.create_batch(request.param)


def test_home_page_queries_do_not_grow_with_news(client, news, django_assert_max_num_queries):
    client.get("/")  # warms Wagtail's caches of site root paths and content types

    with django_assert_max_num_queries(HOME_PAGE_QUERIES):
        response = client.get("/")

    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/actualites/", "/actualites/?page=2"])
def test_news_index_queries_do_not_grow_with_news(client, news, django_assert_max_num_queries, url):
    client.get(url)

    with django_assert_max_num_queries(NEWS_INDEX_QUERIES):
        response = client.get(url)

    assert response.status_code == 200


def test_news_index_shows_ten_articles_per_page(client, site_tree):
    NewsPageFactory.create_batch(12)

    response = client.get("/actualites/")

    assert len(response.context["page_obj"].object_list) == 10
