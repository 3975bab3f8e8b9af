"""Demo plans between other parties, as signed since the 2025 reform: a ward's programme between
its people's committee and its association, written in articles, and a three-party programme of
Hồ Chí Minh City with the veteran teachers' association; each with its reports.

Both documents are INVENTED for the demo (no such programme is among the seeds); their wording
follows the seed documents and the national texts they cite, and the signatories are fictitious.
They sit in Hồ Chí Minh City, beside the Thuận An agreement, so that the Phú Thọ personas' figures
stay those of the Phú Thọ plans; the ``editor_hcm`` persona and the administrator read them.

Every half-year already due is reported by every unit and accepted, but for the last one, where
the Sở's report waits in the review queue: each party is scored by name on the period's page.
Loading twice changes nothing.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from programmes.models import Area, Commitment, Indicator, Organisation, Plan
from programmes.services.areas import province_code, ward_code
from programmes.services.plans import plan_refresh_search
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, ReportEvent
from reports.selectors import commitments_for
from reports.services.periods import plan_open_reporting

from .plans import DemoPlan, Item, Part, Signatory, Target, demo_plan_create

Kind = Organisation.Kind
Party = Commitment.Party
Lead = Commitment.Lead
Unit = Indicator.Unit
Status = ProgressReport.Status
Progress = CommitmentProgress.Status
Action = ReportEvent.Action

CITY = province_code(79)
WARD = ward_code(25978)  # Phường Thuận An
COMMITTEE = "Ủy ban nhân dân phường Thuận An"
WARD_ASSOCIATION = "Hội Khuyến học phường Thuận An"
DEPARTMENT = "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh"
ASSOCIATION = "Hội Khuyến học Thành phố Hồ Chí Minh"
VETERANS = "Hội Cựu giáo chức Thành phố Hồ Chí Minh"
VETERANS_CHAPTER = "Chi hội Cựu giáo chức phường Thuận An"

WARD_PROGRAMME = DemoPlan(
    key="thuan_an_ward_2025",
    area=WARD,
    kind=Plan.Kind.PROGRAMME,
    number="09/CTrPH-UBND-HKH",
    title=(
        "Chương trình phối hợp giữa Ủy ban nhân dân phường Thuận An và Hội Khuyến học phường Thuận An về "
        "xây dựng xã hội học tập giai đoạn 2025-2030"
    ),
    signed_on=date(2025, 9, 15),
    place="Thuận An",
    start_year=2025,
    end_year=2030,
    status=Plan.Status.IN_FORCE,
    parties=(
        Signatory(COMMITTEE, WARD, name="Lý Minh Khoa", title="Phó Chủ tịch", capacity="TM. Ủy ban nhân dân"),
        Signatory(WARD_ASSOCIATION, WARD, name="Đinh Thị Loan", title="Chủ tịch", capacity="TM. Ban Chấp hành"),
    ),
    legal_bases=(
        "Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án “Xây dựng xã hội "
        "học tập giai đoạn 2021-2030”",
    ),
    purposes=(
        "Phát huy vai trò của chính quyền phường và Hội Khuyến học trong xây dựng xã hội học tập sau khi sắp "
        "xếp đơn vị hành chính.",
    ),
    requirements=("Phòng Văn hóa - Xã hội tham mưu Ủy ban nhân dân phường theo dõi, đôn đốc thực hiện.",),
    recipients=("Hội Khuyến học Thành phố Hồ Chí Minh (để báo cáo)", "Lưu: VT"),
    parts=(
        Part(
            "Điều 2",
            "Nội dung phối hợp",
            (
                Item(
                    "2.1",
                    Party.JOINT,
                    "Tuyên truyền về học tập suốt đời trên hệ thống truyền thanh phường.",
                    lead=Lead.DEPARTMENT,
                ),
                Item("2.2", Party.JOINT, "Sơ kết 6 tháng, tổng kết năm việc thực hiện chương trình phối hợp."),
            ),
        ),
        Part(
            "Điều 3",
            "Trách nhiệm của Ủy ban nhân dân phường",
            (
                Item(
                    "3.1",
                    Party.DEPARTMENT,
                    "Chỉ đạo Phòng Văn hóa - Xã hội đưa chỉ tiêu xã hội học tập vào "
                    "kế hoạch phát triển kinh tế - xã hội hằng năm của phường.",
                ),
                Item("3.2.a", Party.DEPARTMENT, "Bố trí kinh phí hoạt động cho Trung tâm học tập cộng đồng."),
                Item(
                    "3.2.b",
                    Party.DEPARTMENT,
                    "Chỉ đạo các trường trên địa bàn phối hợp với chi hội khuyến học.",
                    targets=(Target("Số trường có chi hội khuyến học", Unit.UNITS, 6),),
                ),
            ),
        ),
        Part(
            "Điều 4",
            "Trách nhiệm của Hội Khuyến học phường",
            (
                Item(
                    "4.1",
                    Party.ASSOCIATION,
                    "Vận động xây dựng Quỹ khuyến học phường.",
                    targets=(Target("Quỹ khuyến học vận động được", Unit.VND, 300_000_000),),
                ),
                Item(
                    "4.2",
                    Party.ASSOCIATION,
                    "Đánh giá, công nhận Gia đình học tập, Cộng đồng học tập.",
                    targets=(Target("Gia đình học tập được công nhận", Unit.UNITS, 1_200),),
                ),
            ),
        ),
    ),
)

THREE_PARTY_PROGRAMME = DemoPlan(
    key="hcm_three_party_2026",
    area=CITY,
    kind=Plan.Kind.PROGRAMME,
    number="03/CTrPH-SGDĐT-HKH-HCGC",
    title=(
        "Chương trình phối hợp giữa Sở Giáo dục và Đào tạo, Hội Khuyến học và Hội Cựu giáo chức Thành phố Hồ "
        "Chí Minh giai đoạn 2026-2030"
    ),
    signed_on=date(2026, 1, 20),
    place="Thành phố Hồ Chí Minh",
    start_year=2026,
    end_year=2030,
    status=Plan.Status.IN_FORCE,
    parties=(
        Signatory(DEPARTMENT, CITY, name="Trương Quốc Bảo", title="Phó Giám đốc", capacity="KT. Giám đốc"),
        Signatory(ASSOCIATION, CITY, name="Huỳnh Thị Ngọc", title="Chủ tịch", capacity="TM. Ban Thường vụ"),
        Signatory(VETERANS, CITY, name="Phan Văn Thọ", title="Chủ tịch", capacity="TM. Ban Chấp hành"),
    ),
    purposes=("Phát huy kinh nghiệm của nhà giáo nghỉ hưu trong công tác khuyến học, khuyến tài.",),
    parts=(
        Part(
            "I",
            "Nội dung phối hợp chung",
            (
                Item(
                    "I.1",
                    Party.JOINT,
                    "Tổ chức tuyên dương học sinh, giáo viên tiêu biểu nhân ngày 20/11.",
                    lead=Lead.ASSOCIATION,
                ),
                Item("I.2", Party.JOINT, "Sơ kết 6 tháng việc thực hiện chương trình phối hợp."),
                Item(
                    "I.3",
                    Party.JOINT,
                    "Hội Khuyến học chủ trì, phối hợp với Hội Cựu giáo chức mở lớp phụ đạo hè cho học sinh vượt khó.",
                    lead=Lead.ASSOCIATION,
                    supporters=(VETERANS,),
                ),
            ),
        ),
        Part(
            "II",
            "Trách nhiệm của mỗi bên",
            (
                Item("II.1", Party.DEPARTMENT, "Cung cấp danh sách học sinh có hoàn cảnh khó khăn để xét học bổng."),
                Item(
                    "II.2",
                    Party.ASSOCIATION,
                    "Trao học bổng cho học sinh vượt khó học tốt.",
                    targets=(Target("Suất học bổng trao tặng", Unit.PEOPLE, 500),),
                ),
                Item(
                    "II.3",
                    Party.OTHER,
                    "Cử hội viên là nhà giáo nghỉ hưu tham gia dạy lớp xóa mù chữ, phụ đạo học sinh yếu.",
                    targets=(Target("Hội viên tham gia giảng dạy", Unit.PEOPLE, 120),),
                ),
                Item("II.4", Party.OTHER, "Vận động hội viên đóng góp Quỹ khuyến học."),
            ),
        ),
    ),
)

PLANS = (WARD_PROGRAMME, THREE_PARTY_PROGRAMME)


def _organisation(name: str, area_code: str, kind: str, parent: Organisation | None = None, **extra):
    organisation, _created = Organisation.objects.update_or_create(
        area=Area.objects.get(code=area_code), name=name, defaults={"kind": kind, "parent": parent, **extra}
    )
    return organisation


@transaction.atomic
def demo_partners_load() -> list[Plan]:
    """The parties, the two programmes and their reports; needs ``demo.core``'s areas and bodies."""
    _organisation(COMMITTEE, WARD, Kind.PEOPLE_COMMITTEE, acting_office="Phòng Văn hóa - Xã hội")
    veterans = _organisation(VETERANS, CITY, Kind.VETERAN_TEACHERS)
    _organisation(VETERANS_CHAPTER, WARD, Kind.VETERAN_TEACHERS, parent=veterans)
    plans = []
    for spec in PLANS:
        plan = Plan.objects.filter(area__code=spec.area, number=spec.number).first()
        if plan is None:
            plan = demo_plan_create(spec)
            plan_open_reporting(user=None, plan=plan)
        plan_refresh_search(plan)
        _reports(plan, timezone.localdate())
        plans.append(plan)
    return plans


def _reports(plan: Plan, today: date) -> None:
    """Every unit's report of every half-year already due since the plan was signed, accepted; the
    Sở's last one waits."""
    due = list(plan.periods.filter(due_on__lt=today, ends_on__gt=plan.signed_on).order_by("due_on"))
    units = [u.organisation for u in plan.reporting_units.select_related("organisation__area").order_by("pk")]
    for period in due:
        for seed, organisation in enumerate(units):
            if ProgressReport.objects.filter(period=period, organisation=organisation).exists():
                continue
            waits = period == due[-1] and organisation.kind == Kind.EDUCATION
            _report(plan, period, organisation, seed, waits)


def _report(plan: Plan, period, organisation: Organisation, seed: int, waits: bool) -> None:
    sent = timezone.make_aware(datetime.combine(period.due_on - timedelta(days=2 + seed % 4), time(9, 5 * seed % 60)))
    reviewed = sent + timedelta(days=3)
    report = ProgressReport.objects.create(
        plan=plan,
        period=period,
        organisation=organisation,
        status=Status.SUBMITTED if waits else Status.ACCEPTED,
        submitted_at=sent,
        reviewed_at=None if waits else reviewed,
        version=3 if waits else 4,
        results=f"{organisation.name} đã triển khai các nội dung phối hợp của {period}.",
    )
    ReportEvent.objects.filter(pk=ReportEvent.objects.create(report=report, action=Action.SUBMITTED).pk).update(at=sent)
    if not waits:
        accepted = ReportEvent.objects.create(report=report, action=Action.ACCEPTED)
        ReportEvent.objects.filter(pk=accepted.pk).update(at=reviewed)
    ProgressReport.objects.filter(pk=report.pk).update(created_at=sent - timedelta(days=5), updated_at=sent)
    for position, commitment in enumerate(commitments_for(plan, organisation, period)):
        status = Progress.IN_PROGRESS if (position + seed) % 4 == 3 else Progress.DONE
        CommitmentProgress.objects.create(report=report, commitment=commitment, status=status)
        for indicator in commitment.indicators.all():
            # Each unit reports a share of the half-year's part of the target: 20 % to 40 %.
            share = Decimal(20 + 5 * ((seed + position) % 5)) / 100
            value = (indicator.target_value * share).quantize(Decimal("1"))
            IndicatorValue.objects.create(report=report, indicator=indicator, value=value)
