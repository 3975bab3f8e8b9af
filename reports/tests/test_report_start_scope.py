"""Starting a report tells an outsider nothing about another province's periods."""

import re

import pytest
from django.urls import reverse

from conftest import make_user
from programmes.models import Membership
from reports.models import ProgressReport, ReportingPeriod


@pytest.fixture
def far_reporter(world):
    """A reporter of a unit in province Q."""
    return make_user("far_reporter", (world.other_unit, Membership.Role.REPORTER))


@pytest.mark.parametrize("who", ["outsider", "far_reporter"])
def test_a_real_period_elsewhere_and_a_missing_one_answer_the_same_404(client, request, world, h1, who):
    user = request.getfixturevalue(who)
    own_unit = user.memberships.get().organisation
    client.force_login(user)
    missing = ReportingPeriod.objects.order_by("-pk").first().pk + 1000
    answers = [
        client.post(reverse("reports:report_start", args=[period, organisation]))
        for period in (h1.pk, missing)
        for organisation in (own_unit.pk, world.unit_a.pk)
    ]
    assert {response.status_code for response in answers} == {404}
    pages = {
        re.sub(r'value="[^"]*"|[A-Za-z0-9]{64}', "", response.content.decode()) for response in answers
    }  # CSRF tokens differ
    assert len(pages) == 1
    assert not ProgressReport.objects.exists()


def test_the_unit_starts_its_own_report(client, reporter_a, world, h1, in_h1):
    client.force_login(reporter_a)
    response = client.post(reverse("reports:report_start", args=[h1.pk, world.unit_a.pk]))
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse("reports:report_edit", args=[report.pk])
