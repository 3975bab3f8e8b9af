"""Demo pupil lists of Phú Thọ for the 2025-2026 school year: the Sở's list of prize winners
sent to the provincial association, and the hardship lists of two commune associations, one sent
and one still a draft, with a pupil proposed in both. The pupils and their families are
INVENTED; no real child's data is in the demo.

Loading twice changes nothing: a list is found by its title and drawing party.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from awards.models import ListEntry, PupilList
from programmes.models import Organisation, Plan

from .reports.plan import ASSOCIATION, DEPARTMENT, PLAN_NUMBER, PROVINCE

SCHOOL_YEAR = 2025
HOA_BINH = ("W04795", "Hội Khuyến học phường Hòa Bình")
LAC_SON = ("W05266", "Hội Khuyến học xã Lạc Sơn")
# Proposed by both communes: the duplicate the association's reviewer should see.
TWICE = ("Bùi Thị Ngọc Ánh", date(2013, 5, 17), "THCS Lạc Sơn", "7A", "Xã Lạc Sơn")

LISTS = [
    (
        "Học sinh đạt giải học sinh giỏi cấp tỉnh năm học 2025-2026",
        PupilList.Kind.PRIZES,
        (PROVINCE, DEPARTMENT),
        PupilList.Status.SENT,
        [
            (
                "Hà Minh Quân",
                date(2009, 2, 11),
                "THPT Chuyên Hùng Vương",
                "11 Toán",
                "Phường Việt Trì",
                "Giải nhất môn Toán cấp tỉnh",
            ),
            (
                "Lò Thị Thanh Tâm",
                date(2009, 8, 23),
                "THPT Lạc Sơn",
                "11A1",
                "Xã Lạc Sơn",
                "Giải nhì môn Ngữ văn cấp tỉnh",
            ),
            (
                "Nguyễn Đức Phúc",
                date(2010, 12, 1),
                "THPT Chuyên Hùng Vương",
                "10 Lý",
                "Phường Hòa Bình",
                "Giải ba môn Vật lý cấp tỉnh",
            ),
        ],
    ),
    (
        "Học sinh có hoàn cảnh khó khăn, vượt khó học tốt - xã Lạc Sơn",
        PupilList.Kind.HARDSHIP,
        LAC_SON,
        PupilList.Status.SENT,
        [
            (*TWICE, "Mồ côi cha, học sinh giỏi 3 năm liền"),
            (
                "Đinh Văn Khải",
                date(2012, 1, 9),
                "THCS Lạc Sơn",
                "8B",
                "Xã Lạc Sơn",
                "Gia đình hộ nghèo, đi học xa 7 km",
            ),
        ],
    ),
    (
        "Học sinh có hoàn cảnh khó khăn - phường Hòa Bình",
        PupilList.Kind.HARDSHIP,
        HOA_BINH,
        PupilList.Status.DRAFT,
        [
            (*TWICE, "Đang ở nhờ nhà người thân tại phường"),
            (
                "Trương Gia Hân",
                date(2014, 10, 30),
                "Tiểu học Hòa Bình",
                "5C",
                "Phường Hòa Bình",
                "Mẹ đơn thân, bệnh hiểm nghèo",
            ),
        ],
    ),
]


# A pupil of the Sở's list that the ward's association proposed: its staff read that pupil.
PROPOSED = {"Nguyễn Đức Phúc": HOA_BINH}

# What the association gave the pupils of the sent lists, in the order of their entries:
# (decision, đồng, in kind, source, donor). All at the school year's closing ceremony.
CEREMONY = ("Lễ tuyên dương học sinh giỏi, vượt khó năm học 2025-2026", date(2026, 5, 30))
GIVEN = {
    PupilList.Kind.PRIZES: [
        ("award", 1_000_000, "", "fund", ""),
        ("award", 800_000, "", "fund", ""),
        ("award", 500_000, "", "fund", ""),
    ],
    PupilList.Kind.HARDSHIP: [
        ("scholarship", 1_500_000, "", "donor", "Công ty Cổ phần Chè Phú Thọ"),
        ("support", None, "Một xe đạp và 20 quyển vở", "fund", ""),
    ],
}


@transaction.atomic
def demo_pupil_lists_load() -> list[PupilList]:
    plan = Plan.objects.get(area__code=PROVINCE, number=PLAN_NUMBER)
    association = Organisation.objects.get(area__code=PROVINCE, name=ASSOCIATION)
    made = []
    for title, kind, (area, drawn_by), status, pupils in LISTS:
        drawer = Organisation.objects.get(area__code=area, name=drawn_by)
        pupil_list = PupilList.objects.filter(title=title, drawn_by=drawer).first()
        if pupil_list is None:
            pupil_list = _create(title, kind, plan, drawer, association, status, pupils)
        made.append(pupil_list)
    return made


def _create(title, kind, plan, drawer, receiver, status, pupils) -> PupilList:
    today = timezone.localdate()
    pupil_list = PupilList.objects.create(
        title=title,
        kind=kind,
        plan=plan,
        drawn_by=drawer,
        received_by=receiver,
        school_year=SCHOOL_YEAR,
        due_on=date(SCHOOL_YEAR + 1, 5, 15),
        status=status,
        sent_at=timezone.now() - timedelta(days=3) if status == PupilList.Status.SENT else None,
    )
    for order, (name, born, school, grade, commune, reason) in enumerate(pupils, start=1):
        ListEntry.objects.create(
            pupil_list=pupil_list,
            order=order,
            full_name=name,
            birth_date=born,
            school=school,
            class_name=grade,
            commune=commune,
            reason=reason,
            consent=True,
            consent_by=f"Cha mẹ em {name.rsplit(' ', 1)[-1]} và học sinh",
            consent_on=min(today, date(SCHOOL_YEAR + 1, 3, 1)),
            proposed_by=_proposer(name),
        )
    if status == PupilList.Status.SENT and today >= CEREMONY[1]:
        _give(pupil_list)
    return pupil_list


def _proposer(name: str) -> Organisation | None:
    if name not in PROPOSED:
        return None
    area, organisation = PROPOSED[name]
    return Organisation.objects.get(area__code=area, name=organisation)


def _give(pupil_list: PupilList) -> None:
    """The association's decisions for a list it received, given at the ceremony."""
    occasion, day = CEREMONY
    for entry, (decision, amount, in_kind, source, donor) in zip(
        pupil_list.entries.order_by("order"), GIVEN[pupil_list.kind], strict=True
    ):
        entry.decision, entry.amount, entry.in_kind, entry.source, entry.donor = (
            decision,
            amount,
            in_kind,
            source,
            donor,
        )
        entry.given_on, entry.occasion, entry.decided_at = day, occasion, timezone.now()
        entry.save()
