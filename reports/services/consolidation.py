"""The consolidated report of a plan for a period: totals, scorecard, what units raised."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Case, Count, OuterRef, Q, Subquery, Sum, When
from django.utils.translation import gettext_lazy as _

from awards import figures as awards_figures
from awards.figures import MoneyLine
from programmes import party_roles
from programmes.figures import share_of_target
from programmes.models import Commitment, Indicator, Organisation, Plan

from ..models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal, ReportingPeriod
from ..rules import RECEIVED, in_force_for

DONE = CommitmentProgress.Status.DONE
# Left out of both the done count and the denominator: it is neither done nor owed.
NOT_APPLICABLE = CommitmentProgress.Status.NOT_APPLICABLE
SIDE_LABEL = {
    Organisation.Side.EDUCATION: _("Education sector"),
    Organisation.Side.ASSOCIATION: _("Study Promotion Association"),
    Organisation.Side.OTHER: _("Other partner"),
}


def _party_label(key: str):
    """What a scored party is (``party_roles``): a side, or a partner by its kind."""
    return SIDE_LABEL.get(key) or Organisation.Kind(key).label


@dataclass
class IndicatorTotal:
    indicator: Indicator
    value: Decimal | None
    units: int  # how many units gave a figure

    @property
    def progress(self) -> float | None:
        """The share of the target reached (for "at most", of the allowance used), in %."""
        return share_of_target(self.value, self.indicator.target_value)


@dataclass
class Score:
    """A party's commitments: ``done`` of ``total`` that apply to it; ``not_applicable`` are
    counted apart. The party is a side, or a partner by its kind (``party_roles``)."""

    party: str
    label: str  # lazy: the same totals serve every language
    done: int
    total: int
    not_applicable: int = 0
    names: str = ""  # the plan's organisations behind it, as signed: "Ủy ban nhân dân phường Tân An"

    @property
    def title(self) -> str:
        """The party as the page names it: its organisations, else what it is."""
        return self.names or self.label


@dataclass
class CommitmentRow:
    commitment: Commitment
    statuses: dict  # side -> list of (organisation name, status)
    done: bool
    not_applicable: bool = False  # every unit that reported on it said it does not apply


@dataclass
class Raised:
    organisation: str
    text: str
    answer: str = ""


@dataclass
class Consolidation:
    plan: Plan
    period: ReportingPeriod
    expected: int
    received: int
    accepted: int
    returned: int = 0  # sent back to be fixed: not counted until sent again
    totals: list[IndicatorTotal] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    rows: list[CommitmentRow] = field(default_factory=list)
    results: list[Raised] = field(default_factory=list)
    shortcomings: list[Raised] = field(default_factory=list)
    causes: list[Raised] = field(default_factory=list)
    next_steps: list[Raised] = field(default_factory=list)
    proposals: list[Raised] = field(default_factory=list)
    # What the plan's pupil lists gave in the half-year: scholarships, support, awards; by source.
    money: list[MoneyLine] = field(default_factory=list)
    money_sources: list[MoneyLine] = field(default_factory=list)

    @property
    def given(self) -> bool:
        return any(line.pupils for line in self.money)

    @property
    def pending(self) -> int:
        """Received reports still waiting for the review."""
        return self.received - self.accepted

    @property
    def missing(self) -> int:
        """Units that have sent nothing (a returned report is not missing: it is being fixed)."""
        return max(self.expected - self.received - self.returned, 0)


def consolidate(plan: Plan, period: ReportingPeriod, *, texts: bool = True) -> Consolidation:
    """Add up the reports the province has received (submitted or accepted) for the period.

    Indicators follow their own rule: a sum, a mean across the units that gave
    a figure, or the latest figure submitted. A joint commitment is done only
    when every side it applies to reports it done; "not applicable" counts
    neither as done nor as owed.

    Without ``texts`` the results, shortcomings, causes and next steps the units
    wrote, and the units named under each commitment, are left empty and not
    read: the period page does not show them, the consolidated files do.
    """
    reports = ProgressReport.objects.filter(plan=plan, period=period)
    received = reports.filter(status__in=RECEIVED)
    result = Consolidation(
        plan=plan,
        period=period,
        expected=plan.reporting_units.count(),
        **reports.aggregate(
            received=Count("pk", filter=Q(status__in=RECEIVED)),
            accepted=Count("pk", filter=Q(status=ProgressReport.Status.ACCEPTED)),
            returned=Count("pk", filter=Q(status=ProgressReport.Status.RETURNED)),
        ),
    )
    result.totals = _indicator_totals(plan, period)
    result.rows, result.scores = _scorecard(plan, period, names=texts)
    given = awards_figures.given(period.starts_on, period.ends_on, plan=plan)
    result.money, result.money_sources = awards_figures.summary(given)
    if texts:
        for report in received.select_related("organisation").order_by(
            "organisation__area__path", "organisation__name"
        ):
            for name in ("results", "shortcomings", "causes", "next_steps"):
                text = getattr(report, name).strip()
                if text:
                    getattr(result, name).append(Raised(report.organisation.name, text))
    proposals = Proposal.objects.filter(report__in=received).order_by("pk")
    result.proposals = [Raised(*row) for row in proposals.values_list("report__organisation__name", "text", "answer")]
    return result


def plan_so_far(plan: Plan, period: ReportingPeriod) -> list[Consolidation]:
    """Every half-year of ``plan`` up to ``period``, consolidated (counts and scores): what a final
    review (tổng kết) and the plan's last consolidated report read of the whole period."""
    periods = plan.periods.filter(starts_on__lte=period.starts_on).order_by("starts_on")
    return [consolidate(plan, half, texts=False) for half in periods]


def is_last(period: ReportingPeriod) -> bool:
    """Whether ``period`` is its plan's last half-year."""
    return not ReportingPeriod.objects.filter(plan=period.plan_id, starts_on__gt=period.starts_on).exists()


def _indicator_totals(plan: Plan, period: ReportingPeriod) -> list[IndicatorTotal]:
    values = IndicatorValue.objects.filter(
        report__plan=plan, report__period=period, report__status__in=RECEIVED, value__isnull=False
    )
    figures = {
        row["indicator"]: row
        for row in values.values("indicator").annotate(total=Sum("value"), mean=Avg("value"), units=Count("value"))
    }
    latest = values.filter(indicator=OuterRef("pk")).order_by("-report__submitted_at", "-pk").values("value")[:1]
    indicators = (
        Indicator.objects.filter(in_force_for(period, commitment="commitment__"), commitment__plan=plan)
        # The latest figure is looked up only for the indicators that add up that way.
        .annotate(latest=Case(When(aggregation=Indicator.Aggregation.LATEST, then=Subquery(latest))))
        .select_related("commitment")
        .order_by("commitment__section__order", "commitment__order", "order", "pk")
    )
    totals = []
    for indicator in indicators:
        row = figures.get(indicator.pk)
        if row is None:
            totals.append(IndicatorTotal(indicator, None, 0))
            continue
        value = {"sum": row["total"], "mean": row["mean"], "latest": indicator.latest}[indicator.aggregation]
        totals.append(
            IndicatorTotal(
                indicator, Decimal(value).quantize(Decimal("0.01")) if value is not None else None, row["units"]
            )
        )
    return totals


def _scorecard(plan: Plan, period: ReportingPeriod, *, names: bool) -> tuple[list[CommitmentRow], list[Score]]:
    """Each commitment in force, done or not, and each party's score. The score is read from a
    count per commitment and party (``party_roles``) of the units that reported on it, that did it
    or found it not applicable, and that found it not applicable; with ``names``, each row also
    lists every unit with its status by side (the consolidated document prints them; the period
    page does not)."""
    signed = party_roles.parties(plan)
    progress = CommitmentProgress.objects.filter(report__plan=plan, report__period=period, report__status__in=RECEIVED)
    counts = defaultdict(lambda: defaultdict(lambda: (0, 0, 0)))  # commitment -> party -> counts
    for commitment_id, side, kind, *found in (
        progress.values_list("commitment_id", "report__organisation__side", "report__organisation__kind")
        .annotate(
            reported=Count("pk"),
            settled=Count("pk", filter=Q(status__in=(DONE, NOT_APPLICABLE))),
            exempt=Count("pk", filter=Q(status=NOT_APPLICABLE)),
        )
        .order_by()
    ):
        party = signed.key_of(side, kind)
        counts[commitment_id][party] = tuple(a + b for a, b in zip(counts[commitment_id][party], found, strict=True))
    by_commitment = defaultdict(lambda: defaultdict(list))
    if names:
        for commitment_id, side, name, status in progress.values_list(
            "commitment_id", "report__organisation__side", "report__organisation__name", "status"
        ):
            by_commitment[commitment_id][side].append((name, status))
    rows = []
    who = signed.names()
    scores = {key: Score(key, _party_label(key), 0, 0, names=who.get(key, "")) for key in signed.keys()}
    commitments = (
        plan.commitments.filter(in_force_for(period))
        .select_related("section", "partner")
        .prefetch_related("supporters")
        .order_by("section__order", "order", "pk")
    )
    for commitment in commitments:
        reports = counts.get(commitment.pk, {})
        owed = signed.owed_by(commitment)
        # A party for which every unit that reported said "not applicable" does not owe it.
        exempt = {p for p in owed if p in reports and reports[p][2] == reports[p][0]}
        owing = [p for p in owed if p not in exempt]
        done = bool(owing) and all(p in reports and reports[p][1] == reports[p][0] for p in owing)
        statuses = dict(by_commitment.get(commitment.pk, {}))
        rows.append(CommitmentRow(commitment, statuses, done, not_applicable=bool(owed) and not owing))
        for party in exempt:
            scores[party].not_applicable += 1
        for party in owing:
            scores[party].total += 1
            scores[party].done += done
    # The parties that signed (those a joint commitment binds), and any other that carries one.
    joint = signed.joint()
    return rows, [s for s in scores.values() if s.party in joint or s.total or s.not_applicable]
