"""What a demo plan is entered as: a document, its parts, commitments, targets and signatories."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from programmes.models import Commitment, Indicator, Plan

Kind = Plan.Kind
Status = Plan.Status
Cadence = Plan.Cadence
Party = Commitment.Party
Recurrence = Commitment.Recurrence
Unit = Indicator.Unit
Direction = Indicator.Direction
Aggregation = Indicator.Aggregation


@dataclass(frozen=True)
class Target:
    """An indicator of a commitment."""

    name: str
    unit: str
    target_value: Decimal
    direction: str = Direction.AT_LEAST
    aggregation: str = Aggregation.SUM
    due_date: date | None = None


@dataclass(frozen=True)
class Item:
    """A commitment as printed."""

    number: str
    party: str
    text: str
    lead: str = ""
    supporters: tuple[str, ...] = ()  # for a joint one: the names of the plan's parties beside its lead
    supporting: str = ""
    recurrence: str = Recurrence.ONGOING
    deadline: date | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None
    levels: tuple[str, ...] = ()  # the levels that report on it; empty: every level
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class Part:
    """A section and the commitments printed in it."""

    number: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Signatory:
    """A party, found by the name and the area code of its organisation."""

    organisation: str
    area: str
    name: str = ""
    title: str = ""
    capacity: str = ""


@dataclass(frozen=True)
class DemoPlan:
    key: str  # how other entries of DEMO_PLANS refer to this one (``parent``)
    area: str
    kind: str
    title: str
    number: str = ""
    signed_on: date | None = None
    place: str = ""
    start_year: int | None = None
    end_year: int | None = None
    status: str = Status.ENDED
    review_cadence: str = Cadence.SEMI_ANNUAL
    parent: str = ""
    parties: tuple[Signatory, ...] = ()
    legal_bases: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()
