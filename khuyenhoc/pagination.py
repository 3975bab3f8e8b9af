"""A paginator that counts the rows with the page it reads.

Django's paginator asks the database twice for a page of a list: ``COUNT(*)`` of the whole list,
then the page. On the national lists (the review queue, the report lists, the dashboard's units)
both queries find and filter the same tens of thousands of rows, and the count was a third of the
page's time (issue 12). Here the page is read with ``count(*) OVER ()``, the size of the whole
list, on every row: one query. A page past the end, or an empty list, falls back to Django's way
(count, then the last page), so what the reader gets is the same.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Window


class CountingPaginator(Paginator):
    """A ``Paginator`` of a QuerySet that reads the list's size with the page ``get_page`` returns.
    Without orphans, and not for a DISTINCT list: the window would count the rows before DISTINCT."""

    def get_page(self, number):
        number = _page_number(number)
        if number >= 1 and not self.orphans and not self.object_list.query.distinct:
            bottom = (number - 1) * self.per_page
            rows = list(self.object_list.annotate(list_size=Window(Count("pk")))[bottom : bottom + self.per_page])
            if rows:
                self.count = rows[0].list_size  # the cached property Django would have queried
                return self._get_page(rows, number, self)
        return super().get_page(number)


def page_number(value, pages: int) -> int:
    """The page ``get_page`` shows when ``value`` is asked for among ``pages``: the first when
    it is not a number, the last when it is out of range."""
    number = _page_number(value)
    return number if 1 <= number <= pages else max(pages, 1)


def _page_number(value) -> int:
    """The page asked for, as ``Paginator.validate_number`` reads it; 1 when it is not a number."""
    try:
        if isinstance(value, float) and not value.is_integer():
            return 1
        return int(value)
    except (TypeError, ValueError):
        return 1
