"""Pages with nothing to show say so in words: no "None" in links, no numbered "None.", no warning colour on a zero."""

import re
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse


@pytest.fixture
def today():
    with time_machine.travel(date(2026, 7, 1), tick=False):
        cache.clear()
        yield


def figure(page, testid):
    """The big number of a key-figure card and its classes."""
    match = re.search(rf'data-testid="{testid}"><span class="([^"]*)">(\d+)</span>', page)
    return match.group(1).split(), int(match.group(2))


def test_a_dashboard_without_any_period_has_no_none_in_its_links(client, leader, plan):
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    links = re.findall(r'href="([^"]*)"', page)
    assert any("timing=late" in link for link in links)
    assert not [link for link in links if "None" in link]


def test_a_zero_late_count_is_not_painted_as_a_warning(client, leader, reporting_plan, h1, today):
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    classes, late = figure(page, "late-count")
    assert late == 0
    assert "timing-late" not in classes


def test_a_dashboard_with_nothing_lagging_says_so_without_numbering_it(client, leader, reporting_plan, h1, today):
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).content.decode()
    lagging = re.search(r'<(\w+) data-testid="lagging">(.*?)</\1>', page, re.S)
    assert lagging.group(1) == "p"  # not an <ol> that would print "1. Không có."
    assert "Không có nội dung nào chậm" in lagging.group(2)


def test_a_period_without_proposals_says_so_without_a_list(client, reviewer, reporting_plan, h1, today):
    client.force_login(reviewer)
    page = client.get(reverse("reports:period_detail", args=[reporting_plan.pk, h1.pk])).content.decode()
    proposals = page.split("Các kiến nghị")[1]
    assert "<li>Không có.</li>" not in proposals
    assert "Chưa đơn vị nào nêu kiến nghị" in proposals
