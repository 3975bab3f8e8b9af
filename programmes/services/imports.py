"""Saving a plan that the importer proposed and a person reviewed."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from khuyenhoc.text import fold

from ..models import Area, Commitment, Indicator, Organisation, Plan, Section
from .plans import PartyData, plan_save


@dataclass
class IndicatorData:
    name: str
    unit: str
    target_value: Decimal
    direction: str = "at_least"
    aggregation: str = "sum"
    due_date: date | None = None


@dataclass
class CommitmentData:
    section: str
    number: str
    text: str
    party: str
    recurrence: str = "ongoing"
    deadline: date | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None
    indicators: list[IndicatorData] = field(default_factory=list)


@transaction.atomic
def plan_import_save(*, user, plan: Plan, parties: list[PartyData], commitments: list[CommitmentData]) -> Plan:
    """Save a reviewed import as a draft plan, in one transaction: all of it or nothing."""
    plan.status = Plan.Status.DRAFT
    plan = plan_save(user=user, plan=plan, parties=parties)
    sections: dict[str, Section] = {}
    for order, data in enumerate(commitments, start=1):
        heading = data.section.strip() or "—"
        if heading not in sections:
            number, _dot, title = heading.partition(". ")
            if not title or len(number) > 10:
                number, title = "", heading
            sections[heading] = Section.objects.create(plan=plan, number=number, title=title, order=len(sections) + 1)
        commitment = Commitment.objects.create(
            plan=plan,
            section=sections[heading],
            number=data.number,
            text=data.text,
            party=data.party,
            recurrence=data.recurrence,
            deadline=data.deadline,
            yearly_day=data.yearly_day,
            yearly_month=data.yearly_month,
            order=order,
        )
        for position, indicator in enumerate(data.indicators, start=1):
            Indicator.objects.create(commitment=commitment, order=position, **indicator.__dict__)
    return plan


ABBREVIATIONS = (("gd", "giao duc"), ("dt", "dao tao"), ("hkh", "hoi khuyen hoc"), ("kh", "khuyen hoc"), ("tp", "thanh pho"))
FILLER = {"va", "tinh", "thanh", "pho", "huyen", "xa", "phuong", "cua"}


def name_words(text: str) -> set[str]:
    """The words of an organisation's name, abbreviations spelt out (GD&ĐT = giáo dục và đào tạo)."""
    folded = f" {fold(text).replace('&', ' va ').replace('-', ' ')} "
    for short, long in ABBREVIATIONS:
        folded = folded.replace(f" {short} ", f" {long} ")
    return set(folded.split()) - FILLER


def organisation_best_match(name: str, candidates, *, area: Area | None = None) -> Organisation | None:
    """The organisation whose name shares the most words with ``name``, preferring one
    of ``area``; None when none shares at least half of the words."""
    wanted = name_words(name)
    if not wanted:
        return None
    best, best_score = None, 0.0
    for organisation in candidates:
        have = name_words(organisation.name)
        if not have:
            continue
        score = len(wanted & have) / len(wanted | have)
        if area is not None and organisation.area_id == area.pk:
            score += 0.5
        if score > best_score:
            best, best_score = organisation, score
    return best if best_score >= 0.5 else None


def area_best_match(place: str, candidates, *, signed_on: date | None = None) -> Area | None:
    """The area named like ``place``: the highest level, and the historical unit for a
    plan signed before the July 2025 reform."""
    wanted = fold(place)
    if not wanted:
        return None
    matches = [a for a in candidates if fold(a.name) in {wanted, f"tinh {wanted}", f"thanh pho {wanted}"}]
    if not matches:
        return None
    before_reform = signed_on is not None and signed_on < date(2025, 7, 1)
    rank = {Area.Level.NATION: 0, Area.Level.PROVINCE: 1, Area.Level.DISTRICT: 2, Area.Level.COMMUNE: 3}
    matches.sort(key=lambda a: (a.is_historical != before_reform, rank[a.level], a.path))
    return matches[0]
