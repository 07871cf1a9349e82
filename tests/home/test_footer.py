"""The footer's settings come with their three legal pages in one query."""

from home.models import FooterSettings


def test_footer_settings_and_their_pages_are_one_query(site_tree, django_assert_num_queries):
    site = site_tree["home"].get_site()

    with django_assert_num_queries(1):
        footer = FooterSettings.for_site(site)
        titles = [
            footer.accessibility_page.title,
            footer.legal_notice_page.title,
            footer.personal_data_page.title,
        ]

    assert all(titles)
