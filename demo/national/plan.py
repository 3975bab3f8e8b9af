"""Creating a province's generated plan with its parties, sections, commitments and indicators."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from khuyenhoc.text import fold
from programmes.models import Commitment, Indicator, Plan, PlanParty, Section

from .bulk import _with_history
from .figures import _round
from .organisations import _province_label
from .plan_spec import (
    FAMILIES,
    FUND,
    ITEMS,
    LEGAL_BASES,
    MEMBERSHIP,
    PLAN_SUFFIX,
    PUPILS,
    PURPOSES,
    RECIPIENTS,
    REQUIREMENTS,
    SCHOLARSHIPS,
    SECTIONS,
    TARGETS,
    TITLE_PREFIX,
)

Party = Commitment.Party


FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Đức", "Ngọc", "Quang"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hà",
    "Hải",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Sơn",
    "Thảo",
    "Trung",
    "Tuấn",
    "Yến",
]


def _person(rng) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _plan(province, department, association, first, last, profile, communes, rng, counts):
    label = _province_label(province)
    number = f"{rng.randint(60, 1899)}{PLAN_SUFFIX}"
    title = (
        f"{TITLE_PREFIX} về công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {first}-{last} giữa "
        f"Sở Giáo dục và Đào tạo và Hội Khuyến học {label}"
    )
    plan = Plan(
        kind=Plan.Kind.PLAN,
        number=number,
        title=title,
        area=province,
        signed_on=date(first, 1, rng.randint(5, 28)),
        place=province.name.removeprefix("Thành phố "),
        start_year=first,
        end_year=last,
        status=Plan.Status.IN_FORCE,
        review_cadence=Plan.Cadence.SEMI_ANNUAL,
        legal_bases="\n".join(LEGAL_BASES),
        purposes="\n".join(PURPOSES),
        requirements="\n".join(REQUIREMENTS),
        recipients="\n".join(RECIPIENTS),
    )
    # As ``plan_refresh_search`` computes it.
    plan.search_text = fold(" ".join([number, title, plan.place, province.name, department.name, association.name]))
    plan = _with_history([plan], Plan, counts)[0]
    _with_history(
        [
            PlanParty(
                plan=plan,
                organisation=department,
                signatory_name=_person(rng),
                signatory_title="Giám đốc",
                signing_capacity="GIÁM ĐỐC",
                order=0,
            ),
            PlanParty(
                plan=plan,
                organisation=association,
                signatory_name=_person(rng),
                signatory_title="Chủ tịch",
                signing_capacity="TM. BAN THƯỜNG VỤ",
                order=1,
            ),
        ],
        PlanParty,
        counts,
    )
    sections = _with_history(
        [
            Section(plan=plan, number=number, title=title, order=order)
            for order, (number, title, _items) in enumerate(SECTIONS, start=1)
        ],
        Section,
        counts,
    )
    commitments = _with_history(
        [
            Commitment(
                plan=plan,
                section=section,
                number=item.number,
                text=item.text,
                party=item.party,
                lead=item.lead,
                supporting=(
                    department.name
                    if item.party == Party.ASSOCIATION
                    else association.name
                    if item.party == Party.DEPARTMENT
                    else ""
                ),
                recurrence=item.recurrence,
                yearly_day=item.yearly_day,
                yearly_month=item.yearly_month,
                reporting_levels=[],
                order=order,
            )
            for section, (_number, _title, items) in zip(sections, SECTIONS)
            for order, item in enumerate(items, start=1)
        ],
        Commitment,
        counts,
    )
    units = communes + 1
    values = {
        MEMBERSHIP: Decimal(rng.choice([80, 85, 90])),
        FAMILIES: Decimal(rng.choice([75, 80, 85])),
        FUND: _round(profile.fund * 1.6, 1000),
        SCHOLARSHIPS: _round(units * profile.scholarships * 0.5 * 1.3, 100_000_000),
        PUPILS: _round(units * profile.pupils * 0.5 * 1.3, 100),
    }
    indicators = []
    for commitment in commitments:
        for order, key in enumerate(ITEMS[commitment.number].targets, start=1):
            target = TARGETS[key]
            indicators.append(
                Indicator(
                    commitment=commitment,
                    name=target.name,
                    unit=target.unit,
                    target_value=values[key],
                    aggregation=target.aggregation,
                    due_date=date(last, 12, 31) if target.due_at_end else None,
                    order=order,
                )
            )
    indicators = _with_history(indicators, Indicator, counts)
    by_commitment = defaultdict(list)
    for indicator in indicators:
        by_commitment[indicator.commitment_id].append(indicator)
    for commitment in commitments:
        commitment.generated_indicators = by_commitment[commitment.pk]
    return plan, commitments
