"""At national volume: the sweep's queries do not grow with the late units, a batch of e-mails
costs a few queries and one per e-mail, and staff get one digest per sweep."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_area, make_organisation, make_user
from programmes.models import Area, Membership
from reports.models import ProgressReport, ReportingUnit
from tasks import reminders, sending
from tasks.models import Reminder

DUE = date(2026, 6, 19)
LATE_7 = DUE + timedelta(days=7)
LATE_10 = DUE + timedelta(days=10)


@pytest.fixture
def province(world, reporting_plan, reporter_a, reporter_b, reviewer, leader, editor):
    return reporting_plan


def add_late_units(world, plan, first: int, count: int) -> None:
    """``count`` more late communes, each with a reporter; every other one under an old
    district's association with its own reviewer (one escalation per unit: the worst case),
    and every third one with a draft started."""
    h1 = plan.periods.get(year=2026, half="H1")
    for number in range(first, first + count):
        area = make_area(f"W8{number:04d}", f"Xã Đo {number}", Area.Level.COMMUNE, world.province)
        parent = world.association
        if number % 2:
            district = make_area(
                f"D8{number:04d}",
                f"Huyện cũ {number}",
                Area.Level.DISTRICT,
                world.historical_province,
                is_historical=True,
            )
            parent = make_organisation(f"Hội Khuyến học huyện cũ {number}", district)
            make_user(f"district_{number}", (parent, Membership.Role.REVIEWER))
        unit = make_organisation(f"Hội Khuyến học xã Đo {number}", area, parent=parent)
        make_user(f"reporter_{number}", (unit, Membership.Role.REPORTER))
        ReportingUnit.objects.create(plan=plan, organisation=unit)
        if number % 3 == 0:
            ProgressReport.objects.create(plan=plan, period=h1, organisation=unit)


def sweep_queries(day) -> tuple[int, int]:
    """(reminders planned, queries asked) when the sweep plans ``day``; nothing is recorded."""
    with CaptureQueriesContext(connection) as queries:
        planned = reminders.plan_reminders(day)
    return len(planned), len(queries)


@pytest.mark.parametrize("day", [DUE - timedelta(days=3), LATE_7, LATE_10])
def test_the_sweep_asks_as_many_queries_for_fifty_late_units_as_for_five(world, province, day):
    add_late_units(world, province, 0, 5)
    few, few_queries = sweep_queries(day)
    add_late_units(world, province, 5, 45)
    many, many_queries = sweep_queries(day)
    assert many > few + 40  # the fifty units' reporters (and on day 7, their parents' staff) are reminded
    assert many_queries == few_queries

    with CaptureQueriesContext(connection) as recording:
        created = reminders.reminders_sweep(today=day, enqueue=True).created
    assert len(created) == many
    assert len(recording) <= few_queries + 10  # and recording them adds a handful, not one per reminder


def test_a_batch_of_e_mails_costs_a_few_queries_and_one_per_e_mail(world, province, mailoutbox):
    add_late_units(world, province, 0, 50)
    created = reminders.reminders_sweep(today=DUE - timedelta(days=3), enqueue=False).created
    groups = sending.by_person_and_kind(created, lambda r: r.recipient_id)
    assert len(groups) == 52  # reporter_a, reporter_b and the fifty communes' reporters

    def cost(batch):
        with CaptureQueriesContext(connection) as queries:
            result = sending.reminders_send(reminder_ids=[r.pk for group in batch for r in group])
        return result.emails, len(queries)

    five, five_queries = cost(groups[:5])
    rest, rest_queries = cost(groups[5:])
    assert (five, rest) == (5, 47) and len(mailoutbox) == 52
    assert rest_queries - five_queries == rest - five  # one query per e-mail: its rows say "sent"
    assert set(Reminder.objects.values_list("status", flat=True)) == {"sent"}
    assert len({m.extra_headers["Message-ID"] for m in mailoutbox}) == 52


def test_staff_get_one_digest_per_sweep_with_every_late_unit_of_every_step(
    world, province, reviewer, mailoutbox, django_capture_on_commit_callbacks, eager_celery
):
    add_late_units(world, province, 0, 6)
    with django_capture_on_commit_callbacks(execute=True):
        reminders.reminders_sweep(today=LATE_10, enqueue=True)  # a sweep that missed day 7
    [digest] = [m for m in mailoutbox if m.to == [reviewer.email]]
    assert sorted(Reminder.objects.filter(recipient=reviewer).values_list("kind", "step")) == [
        ("late_digest", -10),
        ("late_digest", -7),
    ]
    assert all(f"Hội Khuyến học xã Đo {n}" in digest.body for n in range(0, 6, 2))  # its own communes, in both parts
    for number in (1, 3, 5):  # each old district's reviewer: one digest naming their one unit
        [copy] = [m for m in mailoutbox if m.to == [f"district_{number}@example.vn"]]
        assert f"Hội Khuyến học xã Đo {number}" in copy.body
        assert Reminder.objects.get(recipient__username=f"district_{number}").kind == "late_digest"
