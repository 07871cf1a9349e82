"""Offer lists paginated to a bounded depth (issue 10): page 4,000 of a search costs an
`OFFSET` of 80,000 sorted rows, which no person reads and every crawler requests. Past
`MAX_PAGES`, the last allowed page is shown with a French invitation to refine the search
(templates/offers/includes/refine_search.html)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_PAGES = 50


class CappedPaginator(Paginator):
    """A Paginator whose pages stop at `max_pages`; `count` stays the true number."""

    def __init__(self, object_list, per_page, max_pages=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages or MAX_PAGES

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.max_pages)

    @property
    def is_capped(self):
        """More results than the pages show: the list asks to refine the search."""
        return self.count > self.max_pages * self.per_page


def capped_page(queryset, per_page, page_number):
    return CappedPaginator(queryset, per_page).get_page(page_number)
