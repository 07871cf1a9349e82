"""Lists paginated to a bounded depth and counted to a bounded number (issue 10).

- Depth: page 4,000 of a search costs an `OFFSET` of 80,000 sorted rows, which no person
  reads and every crawler requests. Past `MAX_PAGES`, the last allowed page is shown with a
  French invitation to refine the search (templates/includes/refine_search.html).
- Count: « 86 000 offres » for a common word reads every matching row, which costs more
  than the page itself. The count stops at the first row past the pages shown
  (`SELECT COUNT(*) FROM (… LIMIT 1001)`, without ordering): a list shows « N offres » up
  to its last page's rows, and « Plus de 1 000 offres » beyond, so that a search with a
  word costs what one without does, however many rows it matches.
"""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.formats import number_format
from django.utils.functional import cached_property

MAX_PAGES = 50


class CappedPages:
    """A paginator's pages stopped at `max_pages` (a Paginator mixin, for the coordinators'
    listings too: portal/admin.py): `is_capped` tells that the list holds more rows than
    its pages show."""

    max_pages = MAX_PAGES

    @property
    def limit(self):
        """The rows the pages can show."""
        return self.max_pages * self.per_page

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.max_pages)

    @property
    def is_capped(self):
        return self.count > self.limit

    @property
    def limit_display(self):
        """`limit` as French readers write it (« 1 000 »)."""
        return number_format(self.limit, force_grouping=True)


class CappedPaginator(CappedPages, Paginator):
    """A Paginator whose pages stop at `max_pages` and whose `count` stops one row past
    them: any number past `limit` means « more »."""

    def __init__(self, object_list, per_page, max_pages=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.max_pages = max_pages or MAX_PAGES

    @cached_property
    def count(self):
        """The number of rows, up to `limit + 1`: any number past `limit` means « more »."""
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # No ORDER BY: the database stops at the limit in whatever order it reads.
            return rows.order_by()[: self.limit + 1].count()
        return min(len(rows), self.limit + 1)


def capped_page(queryset, per_page, page_number, max_pages=None):
    return CappedPaginator(queryset, per_page, max_pages=max_pages).get_page(page_number)
