"""The demo's review conference: the Phú Thọ plan's last half-year reviewed, with its minutes,
four conclusions (two added to the plan as the next half-year's commitments, one done, one still
open) and two commitments left undone carried over. The people are INVENTED.

Loading twice changes nothing: the half-year has one conference.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from conferences import services
from conferences.models import CarryOver, Conclusion, Conference
from programmes.models import Organisation, Plan
from reports.models import Proposal

from .reports.plan import ASSOCIATION, DEPARTMENT, PLAN_NUMBER, PROVINCE
from .reports.reports import periods_by_role

MINUTES = """Hội nghị nghe đồng chí Phó Giám đốc Sở Giáo dục và Đào tạo trình bày báo cáo sơ kết 6 tháng thực hiện Kế hoạch phối hợp.
Các đại biểu thống nhất đánh giá: công tác phối hợp đi vào nền nếp; việc xây dựng Quỹ khuyến học ở các chi hội trường học được quan tâm; một số xã sau sắp xếp chưa kiện toàn Ban Giám đốc trung tâm học tập cộng đồng.
Đại diện Hội Khuyến học xã Lạc Sơn đề nghị hỗ trợ kinh phí hoạt động cho trung tâm học tập cộng đồng; đồng chí chủ trì đã trả lời tại hội nghị.
Hội nghị thống nhất các kết luận dưới đây."""

CONCLUSIONS = [
    # (responsible, text, deadline as (month, day) of the half-year's year or None, added to the plan, done)
    (
        ASSOCIATION,
        "Phối hợp tổ chức Lễ tuyên dương học sinh, giáo viên tiêu biểu nhân kỷ niệm ngày Nhà giáo Việt Nam 20/11.",
        (11, 20),
        True,
        False,
    ),
    (
        DEPARTMENT,
        "Chỉ đạo các trường rà soát, lập danh sách học sinh có nguy cơ bỏ học, gửi Hội Khuyến học tỉnh.",
        (9, 30),
        True,
        False,
    ),
    (
        ASSOCIATION,
        "Hướng dẫn Hội Khuyến học cấp xã tham mưu kiện toàn Ban Giám đốc trung tâm học tập cộng đồng sau sắp xếp.",
        (12, 15),
        False,
        False,
    ),
    (
        DEPARTMENT,
        "Trả lời bằng văn bản kiến nghị của các xã về kinh phí hoạt động của trung tâm học tập cộng đồng.",
        (8, 15),
        False,
        True,
    ),
]


@transaction.atomic
def demo_conference_load() -> Conference | None:
    """The conference of the Phú Thọ plan's last half-year that has ended, if it has one."""
    plan = Plan.objects.get(area__code=PROVINCE, number=PLAN_NUMBER)
    today = timezone.localdate()
    _ended, recent, _current = periods_by_role(list(plan.periods.order_by("starts_on")), today)
    if recent is None:
        return None
    found = Conference.objects.filter(period=recent).first()
    if found:
        return found
    parties = {o.name: o for o in Organisation.objects.filter(area__code=PROVINCE, name__in=[DEPARTMENT, ASSOCIATION])}
    conference = services.conference_save(
        user=None,
        conference=Conference(
            period=recent,
            status=Conference.Status.HELD,
            held_on=min(today, recent.ends_on + timedelta(days=25)),
            place="Hội trường Sở Giáo dục và Đào tạo tỉnh Phú Thọ",
            chairs="Ông Nguyễn Văn Biên, Phó Giám đốc Sở Giáo dục và Đào tạo\n"
            "Bà Trần Thị Duyệt, Phó Chủ tịch Hội Khuyến học tỉnh",
            secretary="Bà Đỗ Thị Thư, chuyên viên Văn phòng Sở",
            minutes=MINUTES,
            minutes_number="25/BB-SGDĐT-HKH",
            notice_number="26/TB-SGDĐT-HKH",
        ),
        attendance={
            parties[DEPARTMENT].pk: "Ông Nguyễn Văn Biên, Phó Giám đốc\nBà Lê Thị Hoa, Trưởng phòng Giáo dục phổ thông",
            parties[ASSOCIATION].pk: "Bà Trần Thị Duyệt, Phó Chủ tịch\nÔng Vũ Văn Nam, Chánh Văn phòng Hội",
        },
    )
    proposal = Proposal.objects.filter(report__plan=plan, report__period=recent).order_by("pk").first()
    adopted = []
    for responsible, text, due, add, done in CONCLUSIONS:
        conclusion = services.conclusion_save(
            user=None,
            conclusion=Conclusion(
                conference=conference,
                text=text,
                responsible=parties[responsible],
                deadline=date(recent.year, *due) if due else None,
                proposal=proposal if done else None,
            ),
        )
        if add:
            adopted.append(conclusion)
        if done:
            services.conclusion_close(user=None, conclusion=conclusion, status="done", note="Công văn trả lời đã gửi")
    services.conclusions_adopt(user=None, conference=conference, conclusions=adopted)
    for row in services.unfinished(conference)[:2]:
        services.carry_over(
            user=None,
            conference=conference,
            commitment=row.commitment,
            decision=CarryOver.Decision.CARRIED,
            reason="Các đơn vị chưa báo cáo hoàn thành; tiếp tục thực hiện trong 6 tháng tới.",
        )
    return conference
