"""A province's pupil lists with what was given on them, and its review conferences with their
conclusions: what the dashboards' money lines and open conclusions read at national scale.

Every half-year that has begun, the Sở sends the province's association a list of pupils with
prizes, and about a quarter of the commune associations send it a list of pupils in hardship.
The association gives awards, scholarships and support (or nothing) during the half-year, from
its fund, donors or the budget. The pupils are generated ("Học sinh 000123"), with consent
recorded, so that nobody mistakes them for real children. The last two half-years that have
ended have held their review conference, each with three conclusions for the Sở or the
association; the older conference's are done, the newer's mostly open."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from awards.models import ListEntry, PupilList, identity_of
from conferences.models import Conclusion, Conference

from .bulk import _insert, _with_history

Kind = PupilList.Kind
Decision = ListEntry.Decision
Source = ListEntry.Source
HARDSHIP_SHARE = 0.25
DECISIONS = {
    Kind.PRIZES: ([Decision.AWARD, Decision.SCHOLARSHIP, Decision.NONE], [70, 20, 10]),
    Kind.HARDSHIP: ([Decision.SUPPORT, Decision.SCHOLARSHIP, Decision.NONE], [55, 35, 10]),
}
AMOUNTS = {
    Decision.AWARD: [300_000, 500_000, 1_000_000],
    Decision.SCHOLARSHIP: [500_000, 1_000_000, 2_000_000],
    Decision.SUPPORT: [300_000, 500_000, 700_000],
}
SOURCES = ([Source.FUND, Source.DONOR, Source.BUDGET, ""], [50, 30, 15, 5])
CONCLUSIONS = (
    "Rà soát, bổ sung danh sách học sinh có hoàn cảnh khó khăn trước kỳ khai giảng",
    "Vận động doanh nghiệp tham gia quỹ khuyến học các xã, phường",
    "Hoàn thành việc công nhận danh hiệu Đơn vị học tập năm nay",
)


def _pupil_lists(plan, periods, department, association, communes, today, rng, counts: Counter) -> None:
    drawn = []  # (list, period, how many pupils)
    for period in periods:
        if period.starts_on > today:
            continue
        sent = timezone.make_aware(datetime.combine(period.starts_on + timedelta(days=10), time(9)))
        school_year = period.year - 1 if period.half == "H1" else period.year
        drawers = [(department, Kind.PRIZES, rng.randint(15, 40))] + [
            (unit, Kind.HARDSHIP, rng.randint(2, 6)) for unit in communes if rng.random() < HARDSHIP_SHARE
        ]
        for drawer, kind, size in drawers:
            pupil_list = PupilList(
                title=f"{Kind(kind).label} {period.half} {period.year} (dữ liệu thử nghiệm)",
                kind=kind,
                plan=plan,
                drawn_by=drawer,
                received_by=association,
                school_year=school_year,
                status=PupilList.Status.SENT,
                sent_at=sent,
            )
            drawn.append((pupil_list, period, size))
    _insert(PupilList, [pupil_list for pupil_list, _period, _size in drawn], counts)
    entries = []
    for pupil_list, period, size in drawn:
        last = min(period.ends_on, today)
        for order in range(size):
            entries.append(_entry(pupil_list, order, period.starts_on, last, rng))
    _insert(ListEntry, entries, counts)


def _entry(pupil_list: PupilList, order: int, first: date, last: date, rng) -> ListEntry:
    name = f"Học sinh {rng.randrange(10**6):06d}"
    born = date(first.year - rng.randint(7, 17), rng.randint(1, 12), rng.randint(1, 28))
    school = f"Trường THCS số {rng.randint(1, 30)}"
    decisions, weights = DECISIONS[pupil_list.kind]
    decision = rng.choices(decisions, weights)[0]
    given = decision != Decision.NONE
    source = rng.choices(*SOURCES)[0] if given else ""
    return ListEntry(
        pupil_list=pupil_list,
        full_name=name,
        birth_date=born,
        school=school,
        reason="Đạt giải học sinh giỏi" if pupil_list.kind == Kind.PRIZES else "Gia đình có hoàn cảnh khó khăn",
        consent=True,
        consent_by="Cha mẹ học sinh",
        consent_on=first,
        decision=decision,
        amount=rng.choice(AMOUNTS[decision]) if given else None,
        source=source,
        donor="Doanh nghiệp trên địa bàn" if source == Source.DONOR else "",
        given_on=first + timedelta(days=rng.randint(0, (last - first).days)) if given else None,
        identity=identity_of(name, born, school),
        order=order,
    )


def _conclusions(plan, periods, department, association, today, rng, counts: Counter) -> None:
    ended = [period for period in periods if period.ends_on < today][-2:]
    conferences = _with_history(
        [
            Conference(
                plan=plan,
                period=period,
                status=Conference.Status.HELD,
                held_on=min(period.ends_on + timedelta(days=20), today),
                place="Hội trường Sở Giáo dục và Đào tạo",
                chairs="Giám đốc Sở Giáo dục và Đào tạo\nChủ tịch Hội Khuyến học",
            )
            for period in ended
        ],
        Conference,
        counts,
    )
    conclusions = []
    for index, conference in enumerate(conferences):
        older = index < len(conferences) - 1
        for number, text in enumerate(CONCLUSIONS, start=1):
            done = older or rng.random() < 0.2
            conclusions.append(
                Conclusion(
                    conference=conference,
                    number=number,
                    text=text,
                    responsible=department if number % 2 else association,
                    deadline=conference.held_on + timedelta(days=rng.randint(30, 200)),
                    status=Conclusion.Status.DONE if done else Conclusion.Status.OPEN,
                )
            )
    _with_history(conclusions, Conclusion, counts)
