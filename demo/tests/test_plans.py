"""The demo plans match the paper documents they were typed from."""

from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from conftest import built_once
from demo.core import demo_load
from demo.plans import demo_plans_load
from programmes.models import Commitment, Indicator, Plan, PlanParty, Section

Party = Commitment.Party


def _load():
    demo_load()
    return demo_plans_load()


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """The demo plans, loaded once for the module (rolled back at its end); each test reads them
    through ``db``, whose savepoint undoes what the test writes."""
    yield from built_once(django_db_blocker, _load)


@pytest.fixture
def plans(db, _loaded):
    return [Plan.objects.get(pk=plan.pk) for plan in _loaded]


def _plan(**lookup) -> Plan:
    return Plan.objects.get(**lookup)


def _parties(plan: Plan) -> Counter:
    return Counter(plan.commitments.values_list("party", flat=True))


def _numbers(plan: Plan, party: str) -> list[str]:
    return list(plan.commitments.filter(party=party).values_list("number", flat=True))


def test_loads_the_three_documents_and_the_provincial_agreement(plans):
    assert [(plan.area.code, plan.number) for plan in plans] == [
        ("H83", ""),
        ("H17", "1392/KH-SGD&ĐT-HKH"),
        ("H74", "131/SGD&ĐT-HKH"),
        ("D725", "06/HKH-PGD"),
    ]
    assert all(plan.status == Plan.Status.ENDED for plan in plans)


def test_hoa_binh_plan_as_printed(plans):
    plan = _plan(area__code="H17", number="1392/KH-SGD&ĐT-HKH")
    assert plan.kind == Plan.Kind.PLAN
    assert plan.signed_on == date(2012, 7, 24)
    assert plan.place == "Hòa Bình"
    assert (plan.start_year, plan.end_year) == (2012, 2016)
    assert plan.period_display == "2012–2016"
    assert plan.review_cadence == Plan.Cadence.SEMI_ANNUAL  # "Định kỳ 6 tháng đầu năm và 6 tháng cuối năm"
    assert plan.title.startswith("Kế hoạch phối hợp công tác giai đoạn 2012-2016")

    assert len(plan.legal_basis_list()) == 4
    assert plan.legal_basis_list()[0].startswith("Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị")
    assert len(plan.purpose_list()) == 4
    assert len(plan.requirement_list()) == 2
    assert "đến các đơn vị, trường học" in plan.requirement_list()[0]  # the split line is joined
    assert len(plan.recipient_list()) == 14
    assert plan.recipient_list()[0] == "TW HKH VN"

    contents = plan.commitments.filter(section__number="II")
    assert list(contents.values_list("number", flat=True)) == [f"II.{n}" for n in range(1, 7)]
    assert set(contents.values_list("party", flat=True)) == {Party.JOINT}
    assert _numbers(plan, Party.DEPARTMENT) == [f"1.{n}" for n in range(1, 7)]
    assert _numbers(plan, Party.ASSOCIATION) == [f"2.{n}" for n in range(1, 7)]
    assert list(plan.commitments.filter(section__number="IV").values_list("number", "party")) == [
        ("IV.1.1", Party.JOINT),
        ("IV.1.2", Party.JOINT),
        ("IV.2", Party.JOINT),
    ]
    assert _parties(plan) == {Party.JOINT: 9, Party.DEPARTMENT: 6, Party.ASSOCIATION: 6}
    assert list(plan.sections.values_list("number", "title")) == [
        ("II", "Nội dung phối hợp"),
        ("III", "Phân công trách nhiệm"),
        ("IV", "Tổ chức thực hiện"),
    ]

    khuyen_hoc_day = plan.commitments.get(number="1.4")
    assert "Ngày Khuyến học 2/10 hàng năm" in khuyen_hoc_day.text
    assert khuyen_hoc_day.recurrence == Commitment.Recurrence.YEARLY
    assert khuyen_hoc_day.yearly_date_display == "02/10"
    assert plan.commitments.get(number="1.1").text.count("về công tác khuyến học") == 1  # line break joined

    signatories = list(
        plan.parties.values_list("organisation__name", "signatory_name", "signatory_title", "signing_capacity")
    )
    assert signatories == [
        ("Sở Giáo dục và Đào tạo tỉnh Hòa Bình", "Nguyễn Minh Thành", "Giám đốc", "GIÁM ĐỐC"),
        ("Hội Khuyến học tỉnh Hòa Bình", "Quách Thế Tân", "Chủ tịch", "CHỦ TỊCH"),
    ]


def test_ben_tre_programme_as_printed(plans):
    plan = _plan(area__code="H83", kind=Plan.Kind.PROGRAMME)
    assert plan.number == ""
    assert plan.signed_on is None
    assert (plan.start_year, plan.end_year) == (2011, 2015)
    assert str(plan) == plan.title
    assert "Hội Khuyến học tỉnh Bến Tre" in plan.title

    assert list(plan.commitments.filter(section__number="I").values_list("number", "party")) == [
        ("I.1", Party.JOINT),
        ("I.2", Party.JOINT),
    ]
    assert _numbers(plan, Party.DEPARTMENT) == [f"II.1.{n}" for n in range(1, 7)]
    assert _numbers(plan, Party.ASSOCIATION) == [f"II.2.{n}" for n in range(1, 5)]
    assert list(plan.commitments.filter(section__number="II", party=Party.JOINT).values_list("number", flat=True)) == [
        "II.3.1",
        "II.3.2",
        "II.3.3",
    ]
    assert _parties(plan) == {Party.JOINT: 5, Party.DEPARTMENT: 6, Party.ASSOCIATION: 4}
    first = plan.commitments.get(number="II.1.1")
    assert first.text.startswith("Tiếp tục thực hiện kế hoạch kiên cố hóa trường học")  # no leading "-"

    department, association = plan.parties.all()
    assert (department.organisation.name, department.signatory_name) == (
        "Sở Giáo dục và Đào tạo tỉnh Bến Tre",
        "Nguyễn Văn Huấn",
    )
    assert (department.signatory_title, department.signing_capacity) == ("Phó Giám đốc", "KT. Giám đốc")
    assert (association.organisation.name, association.signatory_name, association.signatory_title) == (
        "Hội Khuyến học tỉnh Bến Tre",
        "Đặng Thị Khoa",
        "Phó Chủ tịch",
    )
    assert plan.recipient_list()[-2:] == ["HKH huyện, TP: để biết", "Lưu VT"]


def test_thuan_an_agreement_as_printed(plans):
    plan = _plan(area__code="D725", number="06/HKH-PGD")
    assert plan.kind == Plan.Kind.AGREEMENT
    assert plan.signed_on == date(2024, 2, 21)
    assert plan.place == "Thuận An"
    assert (plan.start_year, plan.end_year) == (2024, 2024)
    assert plan.period_display == "2024"
    assert _parties(plan) == {Party.JOINT: 5, Party.DEPARTMENT: 6, Party.ASSOCIATION: 4}
    assert list(plan.parties.values_list("organisation__name", "signatory_name", "signing_capacity")) == [
        ("Hội Khuyến học thành phố Thuận An", "Nguyễn Thị Tuyết Mai", "TM. BTV HỘI KHUYẾN HỌC"),
        ("Phòng Giáo dục và Đào tạo thành phố Thuận An", "Võ Anh Tuấn", "KT. TRƯỞNG PHÒNG"),
    ]

    indicators = Indicator.objects.filter(commitment__plan=plan).order_by("commitment__number", "order")
    assert [
        (i.commitment.number, i.unit, i.target_value, i.direction, i.aggregation, i.due_date) for i in indicators
    ] == [
        ("2.1.3", "percent", Decimal("85"), "at_least", "mean", None),
        ("2.1.3", "vnd_per_person_year", Decimal("32000"), "at_least", "mean", None),
        ("2.2.2", "percent", Decimal("100"), "at_least", "mean", date(2024, 12, 31)),
    ]
    assert "85% trở lên" in indicators[0].commitment.text
    assert "32.000 đ/ 1 người/năm" in indicators[1].commitment.text
    assert "“Đơn vị học tập” vào cuối năm 2024" in indicators[2].commitment.text

    check = plan.commitments.get(text__contains="vào đầu tháng 12/2024")
    assert check.recurrence == Commitment.Recurrence.ONCE
    assert check.deadline == date(2024, 12, 10)
    assert plan.commitments.get(number="2.2.4").recurrence == Commitment.Recurrence.YEARLY

    parent = plan.parent
    assert parent.number == "131/SGD&ĐT-HKH"
    assert parent.signed_on == date(2017, 2, 7)
    assert parent.area.code == "H74"
    assert parent.kind == Plan.Kind.AGREEMENT
    assert parent.title == "Thỏa thuận phối hợp công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh"
    assert parent.status in {Plan.Status.IN_FORCE, Plan.Status.ENDED}
    assert set(parent.parties.values_list("organisation__name", flat=True)) == {
        "Sở Giáo dục và Đào tạo tỉnh Bình Dương",
        "Hội Khuyến học tỉnh Bình Dương",
    }
    assert plan.legal_basis_list() == [
        "Công văn số 131/SGD&ĐT-HKH ngày 07/02/2017 của Sở GD&ĐT và Hội Khuyến học tỉnh "
        "về Thỏa thuận phối hợp công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh"
    ]


def test_texts_have_no_markdown_or_bullet_left(plans):
    for commitment in Commitment.objects.all():
        assert "**" not in commitment.text and "*" not in commitment.text, commitment.number
        assert not commitment.text.startswith(("-", " ")), commitment.number
        assert commitment.text == commitment.text.strip()
    for plan in Plan.objects.all():
        for line in plan.legal_basis_list() + plan.recipient_list() + plan.purpose_list():
            assert not line.startswith(("-", "Căn cứ")), line


def test_plans_are_found_by_search_without_diacritics(plans):
    found = Plan.objects.filter(search_text__contains="thuan an").values_list("number", flat=True)
    assert set(found) == {"06/HKH-PGD", "09/CTrPH-UBND-HKH"}  # the agreement and the ward's programme
    assert Plan.objects.filter(search_text__contains="1392/kh-sgd&dt-hkh").count() == 1
    assert Plan.objects.filter(search_text__contains="hoi khuyen hoc tinh ben tre").count() == 1


SEED_PLANS = {"plan__number__in": ["", "1392/KH-SGD&ĐT-HKH", "06/HKH-PGD", "131/SGD&ĐT-HKH"]}


def _counts():
    """Rows of the seed plans only (the demo also loads a current plan for reporting)."""
    return {
        "Plan": Plan.objects.filter(number__in=SEED_PLANS["plan__number__in"]).count(),
        "PlanParty": PlanParty.objects.filter(**SEED_PLANS).count(),
        "Section": Section.objects.filter(**SEED_PLANS).count(),
        "Commitment": Commitment.objects.filter(**SEED_PLANS).count(),
        "Indicator": Indicator.objects.filter(commitment__plan__number__in=SEED_PLANS["plan__number__in"]).count(),
    }


def test_loading_twice_changes_nothing(plans):
    before = _counts()
    keys = dict(Commitment.objects.values_list("pk", "number"))
    again = demo_plans_load()
    assert [plan.pk for plan in again] == [plan.pk for plan in plans]
    assert _counts() == before
    assert dict(Commitment.objects.values_list("pk", "number")) == keys
    assert before == {"Plan": 4, "PlanParty": 8, "Section": 8, "Commitment": 51, "Indicator": 3}


def test_every_row_passes_validation(plans):
    for plan in Plan.objects.all():
        plan.full_clean()
    for commitment in Commitment.objects.all():
        commitment.full_clean()
    for indicator in Indicator.objects.all():
        indicator.full_clean()
    for party in PlanParty.objects.all():
        party.full_clean()
