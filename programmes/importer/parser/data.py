"""What the parser proposes: a ``ParsedPlan`` and the parts it is made of."""

from dataclasses import dataclass, field
from datetime import date

from ..targets import ParsedIndicator


@dataclass
class ParsedCommitment:
    number: str
    text: str
    party: str  # department, association, joint, other
    section: str = ""
    party_name: str = ""  # the responsible party as in ParsedPlan.parties; for joint, the lead or ""
    recurrence: str = "ongoing"
    deadline: date | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None
    indicators: list[ParsedIndicator] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "number": self.number,
            "text": self.text,
            "party": self.party,
            "party_name": self.party_name,
            "section": self.section,
            "recurrence": self.recurrence,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "yearly_date": f"{self.yearly_day:02d}/{self.yearly_month:02d}" if self.yearly_day else None,
            "indicators": [indicator.as_json() for indicator in self.indicators],
        }


@dataclass
class Signatory:
    name: str
    title: str = ""
    capacity: str = ""
    organisation: str = ""


@dataclass
class PartyDetail:
    """A party of the plan: its name as the document gives it, its kind (see
    ``parties.KINDS``) and its signatory's name, when a signature block is its."""

    name: str
    kind: str
    signatory: str = ""


@dataclass
class ParseWarning:
    code: str
    detail: dict = field(default_factory=dict)


@dataclass
class ParsedSection:
    number: str
    title: str

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title


@dataclass
class ParsedPlan:
    kind: str
    title: str
    number: str = ""
    signed_on: date | None = None
    place: str = ""
    period: tuple[int, int] | None = None
    parties: list[str] = field(default_factory=list)
    party_details: list[PartyDetail] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    commitments: list[ParsedCommitment] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def as_json(self) -> dict:
        """The shape that ``import_plan --format json`` prints (see DESIGN.md)."""
        return {
            "kind": self.kind,
            "number": self.number or None,
            "title": self.title,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "place": self.place or None,
            "period": list(self.period) if self.period else None,
            "parties": self.parties,
            "party_details": [{"name": p.name, "kind": p.kind, "signatory": p.signatory} for p in self.party_details],
            "legal_bases": self.legal_bases,
            "purposes": self.purposes,
            "requirements": self.requirements,
            "sections": [{"number": s.number, "title": s.title} for s in self.sections],
            "commitments": [c.as_json() for c in self.commitments],
            "signatories": [
                {"name": s.name, "title": s.title, "capacity": s.capacity, "organisation": s.organisation}
                for s in self.signatories
            ],
            "recipients": self.recipients,
            "warnings": [{"code": w.code, **w.detail} for w in self.warnings],
        }
