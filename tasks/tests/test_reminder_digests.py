"""Reminders that help, never flood: one e-mail per person, kind and period, links that open."""

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import make_area, make_organisation, make_user
from programmes.models import Area, Membership
from reports.models import ProgressReport, ReportingUnit
from reports.services import workflow
from tasks import reminders, sending
from tasks.models import Notification, Reminder

DUE = date(2026, 6, 19)  # the default due date of the first half of 2026
LATE_7 = DUE + timedelta(days=7)  # the last overdue step, copied to the parent association
LATE_10 = DUE + timedelta(days=10)  # the province's digest


def sweep(day):
    """Sweep and send for ``day`` as the sweep's tasks do, one e-mail per person and kind;
    return the reminders it created."""
    created = reminders.reminders_sweep(today=day, enqueue=False).created
    for group in sending.by_person_and_kind(created, lambda r: r.recipient_id):
        sending.reminders_send(reminder_ids=[r.pk for r in group])
    return created


def submitted(world, plan, period, reporter):
    """Unit A's report for ``period``, filled in and sent."""
    report = workflow.report_start(user=reporter, plan=plan, period=period, organisation=world.unit_a)
    progress = [workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(plan, world.unit_a)]
    report = workflow.report_save(
        user=reporter, report=report, version=report.version, narrative={}, progress=progress, values={}
    )
    return workflow.report_submit(user=reporter, report=report)


def mails_to(mailoutbox, user):
    return [m for m in mailoutbox if m.to == [user.email]]


@pytest.fixture
def many_units(world, reporting_plan, reporter_a, reporter_b, reviewer, leader, editor):
    """Twelve more communes of province P, each late with one reporter: fourteen in all."""
    units = [world.unit_a, world.unit_b]
    for number in range(12):
        area = make_area(f"W9{number:04d}", f"Xã Thử {number + 1}", Area.Level.COMMUNE, world.province)
        unit = make_organisation(f"Hội Khuyến học xã Thử {number + 1}", area, parent=world.association)
        make_user(f"reporter_{number}", (unit, Membership.Role.REPORTER))
        ReportingUnit.objects.create(plan=reporting_plan, organisation=unit)
        units.append(unit)
    return units


def test_a_reviewer_with_fourteen_late_units_gets_one_e_mail_that_names_them_all(many_units, reviewer, mailoutbox):
    sweep(LATE_7)
    [message] = mails_to(mailoutbox, reviewer)  # before: one e-mail per late unit, all with the same subject
    assert "14 đơn vị chưa gửi báo cáo 6 tháng đầu năm 2026, đã quá hạn 7 ngày" in message.subject
    assert all(unit.name in message.body for unit in many_units)
    html = message.alternatives[0][0]
    assert html.count("<li>Hội Khuyến học xã Thử") == 12
    # Each reporter still hears about their own unit only.
    assert len(mailoutbox) == 1 + 14


def test_the_province_digest_is_one_e_mail_per_person_and_says_how_many_units(many_units, reviewer, leader, mailoutbox):
    sweep(LATE_10)  # a sweep that missed day 7: the copy and the province's digest, in one e-mail
    [to_reviewer] = mails_to(mailoutbox, reviewer)
    assert sorted((r.kind, r.step) for r in Reminder.objects.filter(recipient=reviewer)) == [
        ("late_digest", -10),
        ("late_digest", -7),
    ]
    assert to_reviewer.subject == "2 nhắc việc: Tổng hợp đơn vị chậm báo cáo"
    assert all(unit.name in to_reviewer.body for unit in many_units)
    [digest] = mails_to(mailoutbox, leader)
    assert "16 đơn vị chưa gửi báo cáo 6 tháng đầu năm 2026" in digest.subject  # the 14 communes and both parties
    assert all(unit.name in digest.body for unit in many_units)


def test_a_digest_is_sent_once_even_when_another_unit_turns_late_in_the_same_step(
    world, many_units, reporting_plan, reviewer, mailoutbox
):
    sweep(LATE_7)
    assert len(mails_to(mailoutbox, reviewer)) == 1
    area = make_area("W99999", "Xã Mới", Area.Level.COMMUNE, world.province)
    newcomer = make_organisation("Hội Khuyến học xã Mới", area, parent=world.association)
    make_user("reporter_new", (newcomer, Membership.Role.REPORTER))
    ReportingUnit.objects.create(plan=reporting_plan, organisation=newcomer)
    sweep(LATE_7 + timedelta(days=1))
    # Decided: a digest goes once per step, with the units late when it was recorded; the period
    # page it links to is always current. The newcomer's own reporter is still reminded.
    assert len(mails_to(mailoutbox, reviewer)) == 1
    assert Reminder.objects.filter(recipient__username="reporter_new", kind="overdue").count() == 1


def test_a_returned_report_links_to_its_edit_page_while_the_unit_can_fix_it(
    world, reporting_plan, reporter_a, reviewer, h1, client, mailoutbox
):
    with time_machine.travel(date(2026, 6, 1), tick=False):
        report = submitted(world, reporting_plan, h1, reporter_a)
        workflow.report_return(user=reviewer, report=report, comment="Thiếu số liệu")
        [reminder] = [r for r in sweep(date(2026, 6, 1)) if r.kind == "returned"]
        assert reminder.link.endswith(reverse("reports:report_edit", args=[report.pk]))
        assert "đến hết ngày 04/07/2026" in mails_to(mailoutbox, reporter_a)[0].body  # the lock date
        client.force_login(reporter_a)
        assert client.get(urlsplit(reminder.link).path).status_code == 200


def test_a_report_returned_after_the_lock_date_links_to_the_report_and_says_so(
    world, reporting_plan, reporter_a, reviewer, h1, client, mailoutbox
):
    with time_machine.travel(date(2026, 6, 1), tick=False):
        report = submitted(world, reporting_plan, h1, reporter_a)
    with time_machine.travel(date(2026, 7, 10), tick=False):  # locked after 04/07
        workflow.report_return(user=reviewer, report=report, comment="Thiếu số liệu")
        report.refresh_from_db()
        [reminder] = [r for r in sweep(date(2026, 7, 10)) if r.kind == "returned"]
        if report.reopened_until:  # returning after the lock gives the unit a new deadline
            assert reminder.link.endswith(reverse("reports:report_edit", args=[report.pk]))
            assert report.reopened_until.strftime("%d/%m/%Y") in reminder.body
        else:
            assert reminder.link.endswith(reverse("reports:report_detail", args=[report.pk]))
            assert "04/07/2026" in reminder.body and "mở lại" in reminder.body
        client.force_login(reporter_a)
        assert client.get(urlsplit(reminder.link).path).status_code == 200


def test_reopening_until_a_later_date_gives_that_date_in_the_reminder(
    world, reporting_plan, reporter_a, reviewer, h1, mailoutbox
):
    with time_machine.travel(date(2026, 7, 1), tick=False):
        report = submitted(world, reporting_plan, h1, reporter_a)
        report = workflow.report_return(user=reviewer, report=report, comment="Thiếu số liệu")
    ProgressReport.objects.filter(pk=report.pk).update(reopened_until=date(2026, 7, 31))
    [reminder] = [r for r in sweep(date(2026, 7, 5)) if r.kind == "returned"]  # after the lock date
    assert "31/07/2026" in reminder.body
    assert reminder.link.endswith(reverse("reports:report_edit", args=[report.pk]))


def assert_every_link_opens(client, queryset, day):
    """Log in as each reminder's recipient on ``day``: its link and its notification open (200)."""
    checked = 0
    with time_machine.travel(day, tick=False):
        for reminder in queryset.select_related("recipient"):
            client.force_login(reminder.recipient)
            path = urlsplit(reminder.link).path
            response = client.get(path)
            assert response.status_code == 200, (
                reminder.kind,
                reminder.recipient.username,
                reminder.link,
                response.status_code,
            )
            notification = Notification.objects.get(reminder=reminder)
            response = client.post(reverse("tasks:notification_open", args=[notification.pk]), follow=True)
            assert response.status_code == 200 and response.redirect_chain[-1][0] == path, (
                reminder.kind,
                reminder.recipient.username,
            )
            checked += 1
    return checked


def test_every_link_opens_for_its_recipient_including_a_parent_that_does_not_follow_the_plan(
    world, many_units, reporting_plan, client
):
    # A commune under a district association whose reviewer cannot open the provincial plan's period page.
    commune = make_area("W98888", "Xã Cũ", Area.Level.COMMUNE, world.historical_district)
    old = make_organisation("Hội Khuyến học xã Cũ", commune, parent=world.historical_unit)
    ReportingUnit.objects.create(plan=reporting_plan, organisation=old)
    make_user("district_reviewer", (world.historical_unit, Membership.Role.REVIEWER))
    checked = 0
    for day in (
        DUE - timedelta(days=14),
        DUE - timedelta(days=3),
        DUE,
        DUE + timedelta(days=1),
        LATE_7,
        LATE_10,
        date(2026, 7, 2),
        date(2026, 10, 2),
    ):
        created = sweep(day)
        checked += assert_every_link_opens(client, Reminder.objects.filter(pk__in=[r.pk for r in created]), day)
    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert kinds == {"due_soon", "due_today", "overdue", "late_digest", "conference", "plan_ending"}
    # The district cannot open the provincial plan's period page: its copy opens the inbox that lists the units.
    [copy] = Reminder.objects.filter(recipient__username="district_reviewer", kind="late_digest")
    assert copy.link.endswith(reverse("tasks:notifications")) and "Hội Khuyến học xã Cũ" in copy.body
    assert (
        not Reminder.objects.exclude(recipient__username="district_reviewer")
        .filter(link__endswith=reverse("tasks:notifications"))
        .exists()
    )
    assert checked == Reminder.objects.count()


def test_with_the_demo_data_every_reminder_link_opens_for_its_recipient(db, client):
    from demo.core import demo_load
    from reports.models import ReportingPeriod

    demo_load()
    checked = assert_every_link_opens(client, Reminder.objects.all(), timezone.localdate())  # the demo's own inbox
    plan_periods = ReportingPeriod.objects.filter(plan__number="15/KH-SGDĐT-HKH", starts_on__lte=timezone.localdate())
    for period in plan_periods.order_by("starts_on")[:4]:
        days = [
            period.due_on - timedelta(days=3),
            period.due_on,
            period.due_on + timedelta(days=7),
            period.due_on + timedelta(days=10),
        ]
        if period.conference_on:
            days.append(period.conference_on - timedelta(days=7))
        for day in days:
            created = sweep(day)
            checked += assert_every_link_opens(client, Reminder.objects.filter(pk__in=[r.pk for r in created]), day)
    assert checked == Reminder.objects.count()
    assert {"due_soon", "overdue", "late_digest", "conference", "returned"} <= set(
        Reminder.objects.values_list("kind", flat=True)
    )


def test_dry_run_names_each_person_once_per_e_mail_with_the_units_of_a_digest(many_units, reviewer, capsys):
    reviewer.full_name = "Trần Thị Duyệt"
    reviewer.save()
    call_command("send_reminders", "--today", LATE_7.isoformat(), "--dry-run")
    lines = capsys.readouterr().out.splitlines()
    planned = [line for line in lines if line.startswith("would send")]
    assert len(planned) == 15  # fourteen reporters, one copy to the reviewer
    [to_reviewer] = [line for line in planned if "to reviewer (Trần Thị Duyệt) <reviewer@example.vn>" in line]
    start = lines.index(to_reviewer) + 1
    listed = lines[start : start + 14]
    assert sorted(line.strip() for line in listed) == sorted(f"- {unit}" for unit in many_units)
    assert "to reporter_a <reporter_a@example.vn>" in "\n".join(planned)
    assert Reminder.objects.count() == 0
