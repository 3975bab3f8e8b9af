"""The feed of the current Phú Thọ plan in the demo: a notice of the Sở about the review
conference, an official letter of the provincial association with its number, and what the
portal records by itself for the reports the demo accepted and the pupil lists it sent (without
a pupil's name). Its readers are taken as told already: the demo's inbox stays as the reminders
leave it. Loading twice changes nothing: each entry has its key."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from awards.models import PupilList
from feed import events
from feed.models import Entry
from programmes.models import Organisation, Plan, User
from reports.models import ProgressReport, ReportEvent

from .reports.plan import ASSOCIATION, DEPARTMENT, PLAN_NUMBER, PROVINCE

Kind = Entry.Kind
POSTS = [
    (
        "demo:notice:conference",
        Kind.NOTICE,
        DEPARTMENT,
        "editor",
        "",
        "Lịch hội nghị sơ kết 6 tháng đầu năm 2026",
        "Hội nghị sơ kết việc thực hiện Kế hoạch phối hợp 6 tháng đầu năm 2026 tổ chức lúc 8 giờ ngày 09/7/2026 "
        "tại Hội trường Sở Giáo dục và Đào tạo.\nĐề nghị các đơn vị gửi báo cáo đúng hạn để tổng hợp.",
    ),
    (
        "demo:letter:guidance",
        Kind.LETTER,
        ASSOCIATION,
        "reviewer",
        "45/HKH-VP",
        "Hướng dẫn báo cáo kết quả công tác khuyến học 6 tháng đầu năm 2026",
        "Hội Khuyến học tỉnh đề nghị Hội Khuyến học các xã, phường báo cáo kết quả thực hiện các nội dung phối hợp, "
        "kèm số liệu các chỉ tiêu, trên Cổng phối hợp khuyến học trước ngày 19/6/2026.",
    ),
]


def demo_feed_load() -> int:
    """Fill the current plan's feed; returns how many entries it has."""
    plan = Plan.objects.filter(number=PLAN_NUMBER, area__code=PROVINCE).first()
    if plan is None:
        return 0
    now = timezone.now()
    for key, kind, party_name, username, number, title, body in POSTS:
        Entry.objects.get_or_create(
            key=key,
            defaults={
                "plan": plan,
                "kind": kind,
                "party": Organisation.objects.get(area__code=PROVINCE, name=party_name),
                "created_by": User.objects.filter(username=username).first(),
                "number": number,
                "title": title,
                "body": body,
                "notified_at": now,
            },
        )
    accepted = ProgressReport.objects.filter(plan=plan, status=ProgressReport.Status.ACCEPTED).select_related(
        "plan", "period", "organisation"
    )
    for report in accepted:
        at = report.events.filter(action=ReportEvent.Action.ACCEPTED).order_by("-at").values_list("at", flat=True)
        _told(events.report_accepted(report), at.first() or report.reviewed_at or now)
    for pupil_list in PupilList.objects.filter(plan=plan, sent_at__isnull=False).select_related("drawn_by"):
        _told(events.list_sent(pupil_list), pupil_list.sent_at)
    # The review conference (demo/conferences.py), announced two weeks before it was held.
    for conference in plan.conferences.all():
        announced = datetime.combine(
            conference.held_on - timedelta(days=14), time(8), tzinfo=timezone.get_current_timezone()
        )
        for entry in plan.feed_entries.filter(kind="conference", notified_at__isnull=True):
            _told(entry, announced)
    return plan.feed_entries.count()


def _told(entry: Entry | None, at) -> None:
    """Date a new automatic entry as its event, its readers told already."""
    if entry is not None:
        Entry.objects.filter(pk=entry.pk).update(created_at=at, notified_at=timezone.now())
