"""The counting paginator gives the pages Django's paginator gives, in one query instead of two."""

import pytest
from django.core.paginator import Paginator

from conftest import make_organisation
from khuyenhoc.pagination import CountingPaginator
from programmes.models import Organisation

ASKED = [1, 2, 3, "3", 3.0, 4, "99", 0, "0", -1, "abc", "2.5", 2.5, None, ""]


@pytest.fixture
def organisations(world):
    for n in range(7):
        make_organisation(f"Hội Khuyến học số {n}", world.commune_a, parent=world.association)
    return Organisation.objects.filter(name__startswith="Hội Khuyến học số").order_by("name", "pk")


def _shown(page):
    return (
        [o.pk for o in page],
        page.number,
        page.paginator.count,
        page.paginator.num_pages,
        page.has_next(),
        page.has_previous(),
    )


@pytest.mark.parametrize("asked", ASKED)
def test_each_page_is_the_one_djangos_paginator_gives(organisations, asked):
    assert organisations.count() == 7  # pages of 3, 3 and 1
    assert _shown(CountingPaginator(organisations, 3).get_page(asked)) == _shown(
        Paginator(organisations, 3).get_page(asked)
    )


def test_a_page_in_the_list_costs_one_query(organisations, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountingPaginator(organisations, 3).get_page("2")
        assert page.paginator.num_pages == 3 and len(page) == 3


def test_past_the_end_or_empty_it_counts_as_django_does(organisations, django_assert_num_queries):
    with django_assert_num_queries(3):  # the empty page, the count, the last page
        last = CountingPaginator(organisations, 3).get_page("99")
        assert last.number == 3 and len(list(last)) == 1
    empty = CountingPaginator(organisations.none(), 3).get_page("1")
    assert empty.number == 1 and empty.paginator.count == 0 and list(empty) == []


def test_a_distinct_list_is_counted_after_distinct(organisations):
    doubled = (
        Organisation.objects.filter(name__startswith="Hội Khuyến học số")
        .filter(area__path__startswith="VN/")
        .distinct()
        .order_by("name")
    )
    assert (
        CountingPaginator(doubled, 3).get_page("1").paginator.count
        == Paginator(doubled, 3).get_page("1").paginator.count
        == 7
    )
