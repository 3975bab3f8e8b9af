"""The parser against the seed documents and against messy variations.

The expected commitments come from ``demo.plans``, which were transcribed by
hand from the same documents: the parser must find every one of them, with
the same number, the same party and the same opening words, and nothing else.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demo.plans import DEMO_PLANS
from programmes.importer.errors import NotAPlan
from programmes.importer.parser import fold, parse_plan

SEEDS = Path(__file__).resolve().parent / "seeds"  # copies of ../shared/seeds


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def transcribed(number: str | None = None, title_start: str = ""):
    plan = next(
        p for p in DEMO_PLANS if (number and p.number == number) or (title_start and p.title.startswith(title_start))
    )
    return [(item.number, item.party, item.text) for part in plan.parts for item in part.items], plan


def opening(text: str, words: int = 8) -> str:
    return fold(" ".join(text.split()[:words]))


@pytest.mark.parametrize(
    "name, number, title_start",
    [("000", None, "Chương trình phối hợp hoạt động"), ("001", "1392/KH-SGD&ĐT-HKH", ""), ("003", "06/HKH-PGD", "")],
)
def test_every_commitment_of_a_seed_plan_is_found_with_its_number_and_party(name, number, title_start):
    expected, _plan = transcribed(number, title_start)
    parsed = parse_plan(seed(name))
    found = [(c.number, c.party, opening(c.text)) for c in parsed.commitments]
    assert found == [(n, p, opening(t)) for n, p, t in expected]


def test_hoa_binh_plan_metadata():
    plan = parse_plan(seed("001"))
    assert plan.kind == "ke_hoach"
    assert plan.number == "1392/KH-SGD&ĐT-HKH"
    assert plan.signed_on == date(2012, 7, 24)
    assert plan.place == "Hòa Bình"
    assert plan.period == (2012, 2016)
    assert plan.title.startswith("Kế hoạch phối hợp công tác giai đoạn 2012-2016")
    assert plan.parties == ["Sở Giáo dục và Đào tạo", "Hội Khuyến học tỉnh Hòa Bình"]
    assert len(plan.legal_bases) == 4 and plan.legal_bases[0].startswith("Chỉ thị số 11-CT/TW")
    assert len(plan.purposes) == 4 and len(plan.requirements) == 2
    assert [(s.number, s.title) for s in plan.sections] == [
        ("II", "Nội dung phối hợp"),
        ("III", "Phân công trách nhiệm"),
        ("IV", "Tổ chức thực hiện"),
    ]
    assert [(s.name, s.title, s.organisation) for s in plan.signatories] == [
        ("Quách Thế Tân", "Chủ tịch", "Hội Khuyến học tỉnh Hòa Bình"),
        ("Nguyễn Minh Thành", "Giám đốc", "Sở Giáo dục và Đào tạo Hòa Bình"),
    ]
    assert plan.recipients[0] == "TW HKH VN" and plan.recipients[-1] == "Lưu: VP Sở GD&ĐT; VP Tỉnh Hội"
    assert len(plan.recipients) == 14  # under "Noi nhận", misspelt in the source


def test_hoa_binh_item_broken_by_a_page_break_is_whole():
    plan = parse_plan(seed("001"))
    first = next(c for c in plan.commitments if c.number == "1.1")
    assert "về công tác khuyến học, khuyến tài" in first.text
    review = next(c for c in plan.commitments if c.number == "IV.1.1")
    assert "Định kỳ 6 tháng đầu năm và 6 tháng cuối năm" in review.text  # a blank line inside the item
    yearly = next(c for c in plan.commitments if c.number == "1.4")
    assert (yearly.recurrence, yearly.yearly_day, yearly.yearly_month) == ("yearly", 2, 10)


def test_ben_tre_programme_without_number_or_date():
    plan = parse_plan(seed("000"))
    assert plan.kind == "chuong_trinh"
    assert plan.number == "" and plan.signed_on is None
    assert plan.period == (2011, 2015)  # named inside the text
    assert plan.parties == ["Sở Giáo dục - Đào tạo", "Hội Khuyến học tỉnh Bến Tre"]
    assert {w.code for w in plan.warnings} >= {"no_number", "no_date", "period_from_body", "capacity_ocr"}
    director = plan.signatories[0]
    assert (director.name, director.capacity, director.title) == ("Nguyễn Văn Huấn", "KT. GIÁM ĐỐC", "Phó Giám đốc")
    assert plan.signatories[1].title == "Phó Chủ tịch"
    assert plan.recipients == [
        "HKHVN",
        "VP.TU",
        "TT.UBND tỉnh",
        "MTTQVN tỉnh",
        "Ban TGTU",
        "Ban DVTU",
        "HKH huyện, TP: để biết",
        "Lưu VT",
    ]


def test_thuan_an_agreement_targets_and_deadlines():
    plan = parse_plan(seed("003"))
    assert (plan.kind, plan.number, plan.signed_on, plan.place) == (
        "thoa_thuan",
        "06/HKH-PGD",
        date(2024, 2, 21),
        "Thuận An",
    )
    assert plan.period == (2024, 2024)
    assert plan.legal_bases == [
        "Công văn số 131/SGD&ĐT-HKH ngày 07/02/2017 của Sở GD&ĐT và Hội Khuyến học tỉnh về Thỏa thuận phối hợp công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh"
    ]
    membership, fund = next(c for c in plan.commitments if c.number == "2.1.3").indicators
    assert (membership.value, membership.unit, membership.direction) == (Decimal(85), "percent", "at_least")
    assert (fund.value, fund.unit) == (Decimal(32000), "vnd_per_person_year")
    (schools,) = next(c for c in plan.commitments if c.number == "2.2.2").indicators
    assert (schools.value, schools.unit, schools.due_date) == (Decimal(100), "percent", date(2024, 12, 31))
    check = next(c for c in plan.commitments if c.number == "2.1.5")
    assert (check.recurrence, check.deadline) == ("once", date(2024, 12, 10))
    assert sum(len(c.indicators) for c in plan.commitments) == 3  # nothing invented
    assert [s.capacity for s in plan.signatories] == ["KT. TRƯỞNG PHÒNG", "TM. BTV HỘI KHUYẾN HỌC"]


@pytest.mark.parametrize("name", ["002", "004"])
def test_a_news_article_is_not_a_plan(name):
    with pytest.raises(NotAPlan) as problem:
        parse_plan(seed(name))
    assert problem.value.code == "news_article"


@pytest.mark.parametrize("text", ["", "   \n\n ", "Xin chào", "KẾ HOẠCH\n\nKhông có nội dung gì."])
def test_text_without_commitments_is_not_a_plan(text):
    with pytest.raises(NotAPlan):
        parse_plan(text)


YOUTH_UNION = """
TỈNH ĐOÀN NGHỆ AN
HỘI KHUYẾN HỌC TỈNH NGHỆ AN

Số: 12/CTPH-TĐ-HKH

Nghệ An, ngày 5 tháng 3 năm 2021

CHƯƠNG TRÌNH PHỐI HỢP
giữa Tỉnh đoàn và Hội Khuyến học tỉnh Nghệ An giai đoạn 2021 - 2025

Căn cứ Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ;

I. NỘI DUNG PHỐI HỢP
1. Tuyên truyền, vận động đoàn viên thanh niên tham gia xây dựng xã hội học tập.
2. Phối hợp tổ chức Ngày hội đọc sách 21/4 hằng năm.

II. TRÁCH NHIỆM CỦA MỖI BÊN
1. Tỉnh đoàn
a) Chỉ đạo các cơ sở Đoàn thành lập Ban khuyến học, phấn đấu ít nhất 500 chi đoàn có Ban khuyến học.
b) Tổ chức các lớp tin học miễn phí cho thanh niên nông thôn.
2. Hội Khuyến học tỉnh
a) Trao học bổng cho đoàn viên có hoàn cảnh khó khăn, phấn đấu đạt 1,5 tỷ đồng mỗi năm.
b) Báo cáo kết quả phối hợp trước ngày 15/12/2025.

TM. BAN THƯỜNG VỤ TỈNH ĐOÀN
BÍ THƯ
Nguyễn Văn An

TM. BAN THƯỜNG VỤ HỘI KHUYẾN HỌC
CHỦ TỊCH
Trần Thị Bình

Nơi nhận:
- Như trên;
- Lưu VT.
"""


def test_a_programme_between_the_association_and_the_youth_union():
    plan = parse_plan(YOUTH_UNION)
    assert (plan.kind, plan.number, plan.signed_on, plan.period) == (
        "chuong_trinh",
        "12/CTPH-TĐ-HKH",
        date(2021, 3, 5),
        (2021, 2025),
    )
    assert plan.parties == ["Tỉnh đoàn", "Hội Khuyến học tỉnh Nghệ An"]
    assert [(p.kind, p.signatory) for p in plan.party_details] == [
        ("youth_union", "Nguyễn Văn An"),
        ("association", "Trần Thị Bình"),
    ]
    assert {c.party_name for c in plan.commitments if c.party == "department"} == {"Tỉnh đoàn"}
    assert [(c.number, c.party) for c in plan.commitments] == [
        ("I.1", "joint"),
        ("I.2", "joint"),
        ("II.1.a", "department"),  # the non-association party of a two-party plan (DESIGN.md)
        ("II.1.b", "department"),
        ("II.2.a", "association"),
        ("II.2.b", "association"),
    ]
    assert plan.commitments[1].yearly_day == 21 and plan.commitments[1].yearly_month == 4
    (branches,) = plan.commitments[2].indicators
    assert (branches.value, branches.unit) == (Decimal(500), "units")
    (money,) = plan.commitments[4].indicators
    assert (money.value, money.unit) == (Decimal(1_500_000_000), "vnd")
    assert plan.commitments[5].deadline == date(2025, 12, 15)
    assert [s.name for s in plan.signatories] == ["Nguyễn Văn An", "Trần Thị Bình"]


FARMERS_MARKDOWN = """
**KẾ HOẠCH**
**Phối hợp hoạt động năm 2025 giữa Hội Nông dân và Hội Khuyến học huyện Yên Thủy**

Yên Thủy, ngày 10 tháng 01 năm 2025

## **1. Hội Nông dân huyện**

- Vận động hội viên nông dân tham gia học tập tại Trung tâm học tập cộng

đồng, phấn đấu 85% hội viên được tập huấn.

- Xây dựng mô hình “Gia đình nông dân học tập”.

## **2. Hội Khuyến học huyện**

- Phối hợp biên soạn tài liệu khuyến nông.

## **3. Hoạt động chung**

- Sơ kết 6 tháng vào cuối tháng 6/2025.
"""


def test_markdown_and_a_page_break_inside_a_bullet():
    plan = parse_plan(FARMERS_MARKDOWN)
    assert plan.kind == "ke_hoach" and plan.period == (2025, 2025)
    assert [(c.number, c.party) for c in plan.commitments] == [
        ("1.1", "department"),  # the non-association party of a two-party plan (DESIGN.md)
        ("1.2", "department"),
        ("2.1", "association"),
        ("3.1", "joint"),
    ]
    assert "Trung tâm học tập cộng đồng, phấn đấu 85%" in plan.commitments[0].text
    assert plan.commitments[0].indicators[0].value == 85
    assert plan.commitments[3].deadline == date(2025, 6, 30)
    assert "**" not in " ".join(c.text for c in plan.commitments)


def test_json_has_the_documented_shape():
    data = parse_plan(seed("001")).as_json()
    assert {"kind", "number", "signed_on", "place", "period", "parties", "commitments", "signatories"} <= set(data)
    assert data["signed_on"] == "2012-07-24" and data["period"] == [2012, 2016]
    assert set(data["commitments"][0]) >= {"number", "text", "party"}
    assert set(data["signatories"][0]) >= {"name", "title"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text_never_crashes_the_parser(text):
    try:
        parse_plan(text)
    except NotAPlan:
        pass


LINES = st.sampled_from(
    [
        "KẾ HOẠCH",
        "I. NỘI DUNG",
        "II- Tổ chức thực hiện:",
        "1. Sở GD&ĐT",
        "1.1. Làm việc.",
        "- Tuyên truyền",
        "a) Việc",
        "Căn cứ Luật số 1/2020;",
        "Số: 1/KH",
        "Hà Nội, ngày 31 tháng 2 năm 2020",
        "Nơi nhận:",
        "- Lưu VT",
        "",
        "**",
        "# ",
        "Nguyễn Văn A",
        "KT. GIÁM ĐỐC",
        "phấn đấu 120% đạt 1.000.000 đ",
        "2/10 hàng năm",
        "vào đầu tháng 13/2024",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINES, max_size=40))
def test_arbitrary_plan_like_lines_never_crash_the_parser(lines):
    try:
        plan = parse_plan("\n".join(lines))
    except NotAPlan:
        return
    assert plan.commitments
    assert len({c.number for c in plan.commitments}) == len(plan.commitments)
