"""From a parsed document to a plan: what the document gives (``plan_from_parsed``, which the
import command and the preview both use), matching its parties to organisations, and saving the
plan a person reviewed."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from khuyenhoc.text import fold

from .. import party_roles
from ..importer.parser import ParsedPlan
from ..importer.parser.data import ParsedCommitment, Signatory
from ..importer.parser.parties import named_in, party_kind
from ..models import Area, Commitment, Indicator, Organisation, Plan, Section
from ..organisation_kinds import side_of
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
    partner: int | None = None  # the organisation, for a partner's commitment where several signed
    lead: str = ""  # a joint commitment's lead role, where the text names it ("... chủ trì")
    supporters: list[int] = field(default_factory=list)  # organisations a joint one names beside its lead


@dataclass
class ImportedParty:
    """A party as the document names it, the organisation it matches (None: none does, or an
    earlier party took it) and its signatory, when the document has one."""

    read_as: str
    organisation: Organisation | None
    signatory: Signatory | None


@dataclass
class ImportedPlan:
    """What a parsed document gives a plan: its own fields (as ``Plan(**fields)`` takes them, the
    area left to the caller), its parties and its commitments with their indicators."""

    fields: dict
    parties: list[ImportedParty]
    commitments: list[CommitmentData]


def plan_from_parsed(parsed: ParsedPlan, *, organisations, area: Area | None) -> ImportedPlan:
    """The plan a parsed document describes, its parties matched among ``organisations`` (those of
    ``area`` first). A party is its name and its signatory's organisation together (the signature
    block often names it in full where the heading abbreviates); a document that names no parties
    gives its signatories' organisations."""
    fields = {
        "kind": parsed.kind if parsed.kind in Plan.Kind.values else Plan.Kind.OTHER,
        "number": parsed.number,
        "title": parsed.title,
        "signed_on": parsed.signed_on,
        "place": parsed.place,
        "start_year": parsed.period[0] if parsed.period else None,
        "end_year": parsed.period[1] if parsed.period else None,
        "review_cadence": Plan.Cadence.SEMI_ANNUAL,
        "legal_bases": "\n".join(parsed.legal_bases),
        "purposes": "\n".join(parsed.purposes),
        "requirements": "\n".join(parsed.requirements),
        "recipients": "\n".join(parsed.recipients),
    }
    parties, taken = [], set()
    for index, name in enumerate(parsed.parties or [s.organisation for s in parsed.signatories]):
        signatory = _signatory_for(name, parsed, index)
        match = organisation_best_match(
            f"{name} {signatory.organisation if signatory else ''}", organisations, area=area
        )
        if match is not None and match.pk in taken:
            match = None  # two parties of one plan are two organisations
        if match is not None:
            taken.add(match.pk)
        parties.append(ImportedParty(name, match, signatory))
    sides = {party.read_as: _side_of(party) for party in parties}
    partners = _partners(parties)
    commitments = [_commitment_data(c, sides, partners, parties) for c in parsed.commitments]
    return ImportedPlan(fields, parties, commitments)


def _commitment_data(
    c: ParsedCommitment, sides: dict[str, str], partners: dict[str, int], parties: list[ImportedParty]
) -> CommitmentData:
    role = _role(c, sides)
    lead = party_roles.SIDE_ROLE.get(sides.get(c.party_name), "") if role == Commitment.Party.JOINT else ""
    return CommitmentData(
        lead=lead,
        supporters=_supporters(c, parties) if lead else [],
        section=c.section,
        number=c.number,
        text=c.text,
        party=role,
        partner=partners.get(c.party_name) if role == Commitment.Party.OTHER else None,
        recurrence=c.recurrence,
        deadline=c.deadline,
        yearly_day=c.yearly_day,
        yearly_month=c.yearly_month,
        indicators=[
            IndicatorData(i.name, i.unit, i.value, i.direction, i.aggregation, i.due_date) for i in c.indicators
        ],
    )


def _supporters(commitment: ParsedCommitment, parties: list[ImportedParty]) -> list[int]:
    """The organisations of the parties a joint commitment names beside its lead ("Sở GD&ĐT chủ
    trì, phối hợp với Hội Cựu giáo chức"), where three or more parties signed; none where it names
    no other party (with two parties, or naming none, every party takes part)."""
    if len(parties) < 3:
        return []
    named = set(named_in(commitment.text, [p.read_as for p in parties])) - {commitment.party_name}
    return [p.organisation.pk for p in parties if p.read_as in named and p.organisation]


def _partners(parties: list[ImportedParty]) -> dict[str, int]:
    """The organisation of each partner as the document names it, where several partners signed:
    their commitments name which one carries them."""
    partners = {
        p.read_as: p.organisation.pk for p in parties if p.organisation and _side_of(p) == Organisation.Side.OTHER
    }
    return partners if len(partners) > 1 else {}


def _side_of(party: ImportedParty) -> str:
    """The side of a party: its organisation's, else the one its name's kind is on."""
    return party.organisation.side if party.organisation else side_of(party_kind(party.read_as))


def _role(commitment: ParsedCommitment, sides: dict[str, str]) -> str:
    """The role a parsed commitment takes in the plan: its party's side's. The document's code
    calls the non-association signatory of a two-party plan ``department``; the portal keeps that
    role for the education side (an education office or a people's committee), so a Youth Union's
    or a Labour Federation's commitments are the partners' (``other``) and its units report them."""
    side = sides.get(commitment.party_name) if commitment.party != Commitment.Party.JOINT else None
    return party_roles.SIDE_ROLE[side] if side else commitment.party


def _signatory_for(name: str, parsed: ParsedPlan, index: int) -> Signatory | None:
    """The signatory of a party: the one whose organisation shares most words with it, else by position."""
    wanted = name_words(name)
    best = max(parsed.signatories, key=lambda s: len(wanted & name_words(s.organisation)), default=None)
    if best and wanted & name_words(best.organisation):
        return best
    return parsed.signatories[index] if index < len(parsed.signatories) else None


@transaction.atomic
def plan_import_save(*, user, plan: Plan, parties: list[PartyData], commitments: list[CommitmentData]) -> Plan:
    """Save a reviewed import as a draft plan, in one transaction: all of it or nothing."""
    plan.status = Plan.Status.DRAFT
    plan = plan_save(user=user, plan=plan, parties=parties)
    partners = {p.organisation.pk for p in parties if p.organisation.side == Organisation.Side.OTHER}
    signed = {p.organisation.pk for p in parties}
    sections: dict[str, Section] = {}
    for order, data in enumerate(commitments, start=1):
        heading = data.section.strip() or "—"
        if heading not in sections:
            number, _dot, title = heading.partition(". ")
            if not title or len(number) > 10:
                number, title = "", heading
            sections[heading] = Section.objects.create(plan=plan, number=number, title=title, order=len(sections) + 1)
        joint = data.party == Commitment.Party.JOINT
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
            partner_id=data.partner if data.party == Commitment.Party.OTHER and data.partner in partners else None,
            lead=data.lead if joint and data.lead in Commitment.Lead.values else "",
            order=order,
        )
        if joint and data.supporters:
            commitment.supporters.set([pk for pk in data.supporters if pk in signed])
        for position, indicator in enumerate(data.indicators, start=1):
            Indicator.objects.create(commitment=commitment, order=position, **indicator.__dict__)
    return plan


ABBREVIATIONS = (
    ("gd", "giao duc"),
    ("dt", "dao tao"),
    ("hkh", "hoi khuyen hoc"),
    ("kh", "khuyen hoc"),
    ("tp", "thanh pho"),
)
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
    named = {
        wanted,
        *(f"{division} {wanted}" for division in ("tinh", "thanh pho", "phuong", "xa", "thi tran", "dac khu")),
    }
    matches = [a for a in candidates if fold(a.name) in named]
    if not matches:
        return None
    before_reform = signed_on is not None and signed_on < date(2025, 7, 1)
    rank = {Area.Level.NATION: 0, Area.Level.PROVINCE: 1, Area.Level.DISTRICT: 2, Area.Level.COMMUNE: 3}
    matches.sort(key=lambda a: (a.is_historical != before_reform, rank[a.level], a.path))
    return matches[0]
