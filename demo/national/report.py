"""One report: its timeline, status, progress on each commitment, figures and proposals."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from programmes.models import Commitment
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal, ReportEvent

from .bulk import _insert
from .figures import _figures, _vnd
from .plan_spec import FUND, ITEMS, MEMBERSHIP, PUPILS, SCHOLARSHIPS, Item
from .profiles import UnitProfile
from .scenarios import ACCEPTED, ACCEPTED_AFTER_RETURN, ACCEPTED_LATE, DRAFT, RETURNED, STARTED, SUBMITTED
from .texts import (
    ANSWERS,
    AT_RISK_NOTES,
    CAUSES,
    NEXT_STEPS,
    OUT_OF_PERIOD_NOTE,
    PROPOSALS,
    RESULTS,
    RETURN_COMMENTS,
    SHORTCOMINGS,
)

Recurrence = Commitment.Recurrence
Status = ProgressReport.Status
Progress = CommitmentProgress.Status
Action = ReportEvent.Action


@dataclass
class Built:
    """The rows of one province, before they are written."""

    reports: list = field(default_factory=list)
    children: list = field(default_factory=list)  # (report, progress, values, events, proposals)


def _at(day: date, rng, first_hour: int = 7, last_hour: int = 17) -> datetime:
    tz = timezone.get_current_timezone()
    return datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(first_hour, last_hour - 1),
        rng.randint(0, 59),
        rng.randint(0, 59),
        tzinfo=tz,
    )


def _in_the_past(moments: list[datetime], now: datetime) -> list[datetime]:
    """The moments, moved back where needed so that they stay in order and the last is before now."""
    limit = now - timedelta(minutes=5)
    result = []
    for moment in reversed(moments):
        moment = min(moment, limit)
        result.append(moment)
        limit = moment - timedelta(minutes=10)
    return result[::-1]


def _timeline(scenario, period, today, now, rng) -> list[tuple[str, datetime]]:
    """The events of a report, in order, dated within or shortly after the period."""
    created = _at(max(period.starts_on, period.ends_on - timedelta(days=rng.randint(2, 25))), rng)
    on_time = _at(period.ends_on + timedelta(days=rng.randint(-3, (period.due_on - period.ends_on).days)), rng)
    if scenario == STARTED:
        latest = max(period.starts_on, min(today, period.ends_on))
        span = (latest - period.starts_on).days
        begun = _at(period.starts_on + timedelta(days=rng.randint(min(3, span), span)), rng)
        moment = _in_the_past([begun], now)[0]
        if timezone.localtime(moment).date() < period.starts_on:  # the period began today
            moment = now
        return [(Action.CREATED, moment)]
    if scenario == DRAFT:
        rows = [(Action.CREATED, created)]
    elif scenario in (ACCEPTED, ACCEPTED_LATE, SUBMITTED):
        submitted = on_time
        if scenario == ACCEPTED_LATE:
            late = rng.randint(1, (period.locked_after - period.due_on).days)
            submitted = _at(period.due_on + timedelta(days=late), rng)
        rows = [(Action.CREATED, created), (Action.SUBMITTED, submitted)]
        if scenario != SUBMITTED:
            rows.append((Action.ACCEPTED, _at(submitted.date() + timedelta(days=rng.randint(1, 12)), rng, 8, 17)))
    elif scenario == ACCEPTED_AFTER_RETURN:
        first = _at(period.ends_on + timedelta(days=rng.randint(-2, 2)), rng)
        returned = _at(first.date() + timedelta(days=rng.randint(1, 3)), rng, 8, 17)
        again = _at(returned.date() + timedelta(days=rng.randint(1, 5)), rng)
        rows = [
            (Action.CREATED, created),
            (Action.SUBMITTED, first),
            (Action.RETURNED, returned),
            (Action.SUBMITTED, again),
            (Action.ACCEPTED, _at(again.date() + timedelta(days=rng.randint(1, 5)), rng, 8, 17)),
        ]
    elif scenario == RETURNED:
        returned = _at(on_time.date() + timedelta(days=rng.randint(1, 4)), rng, 8, 17)
        rows = [(Action.CREATED, created), (Action.SUBMITTED, on_time), (Action.RETURNED, returned)]
        if period.locked_after < today:  # reopened so that the unit can still fix it
            reopened_on = max(today - timedelta(days=rng.randint(1, 5)), period.locked_after + timedelta(days=1))
            rows.append((Action.REOPENED, _at(reopened_on, rng, 8, 17)))
    else:
        raise ValueError(scenario)
    moments = _in_the_past([moment for _action, moment in rows], now)
    return [(action, moment) for (action, _ideal), moment in zip(rows, moments)]


STATUS_AFTER = {Action.SUBMITTED: Status.SUBMITTED, Action.RETURNED: Status.RETURNED, Action.ACCEPTED: Status.ACCEPTED}


def _falls_in(item: Item, period) -> bool:
    if not (item.yearly_day and item.yearly_month):
        return True
    return any(
        period.starts_on <= date(year, item.yearly_month, item.yearly_day) <= period.ends_on
        for year in (period.year - 1, period.year)
    )


def _build_report(
    built, plan, period, step, steps, unit, scenario, commitments, profile, first, today, now, reviewer, rng
) -> None:
    organisation = unit.organisation
    events = _timeline(scenario, period, today, now, rng)
    figures = _figures(unit, profile, period, first, rng)
    label = f"{'6 tháng đầu năm' if period.half == 'H1' else '6 tháng cuối năm'} {period.year}"
    results = RESULTS[organisation.side].format(
        label=label,
        name=organisation.name,
        membership=str(figures[MEMBERSHIP]).replace(".", ","),
        fund=_vnd(figures[FUND]),
        scholarships=_vnd(figures[SCHOLARSHIPS]),
        pupils=_vnd(figures[PUPILS]),
    )
    started = scenario == STARTED
    proposals = [] if started or rng.random() > 0.12 else rng.sample(PROPOSALS, rng.randint(1, 2))
    report = ProgressReport(
        plan_id=plan.pk,
        period_id=period.pk,
        organisation_id=organisation.pk,
        results=results.split(". ")[0] + "." if started else results,
        shortcomings="" if started else rng.choice(SHORTCOMINGS),
        causes="" if started else rng.choice(CAUSES),
        next_steps="" if started else NEXT_STEPS[period.half],
        proposals_text="\n".join(proposals),
        created_at=events[0][1],
        updated_at=events[-1][1],
    )
    version = 1
    for action, moment in events:
        if action == Action.SUBMITTED:
            version += 2  # saved, then submitted
            report.submitted_at = moment
        elif action in (Action.RETURNED, Action.ACCEPTED):
            version += 1
            report.reviewed_at = moment
        if action == Action.RETURNED:
            report.return_comment = rng.choice(RETURN_COMMENTS)
        if action == Action.REOPENED:
            report.reopened_until = today + timedelta(days=14)
        report.status = STATUS_AFTER.get(action, report.status)
    if scenario in (DRAFT, STARTED):
        version += 1  # saved once
    report.version = version

    reviewer_actions = (Action.RETURNED, Action.ACCEPTED, Action.REOPENED)
    event_rows = [
        ReportEvent(
            action=action,
            actor_id=reviewer if action in reviewer_actions else unit.reporter_id,
            at=moment,
            comment=(
                report.return_comment
                if action == Action.RETURNED
                else f"đến ngày {report.reopened_until:%d/%m/%Y}"
                if action == Action.REOPENED
                else ""
            ),
        )
        for action, moment in events
    ]

    progress_rows, value_rows = [], []
    maturity = step / max(1, steps - 1)
    for position, commitment in enumerate(commitments):
        item = ITEMS[commitment.number]
        if started:
            begun = position < 3
            status = Progress.IN_PROGRESS if begun else Progress.NOT_STARTED
            note = _note(item, rng) if begun else ""
        else:
            status, note = _progress(item, period, maturity, unit, rng)
        progress_rows.append(CommitmentProgress(commitment_id=commitment.pk, status=status, note=note))
        for indicator in commitment.generated_indicators:
            key = ITEMS[commitment.number].targets[indicator.order - 1]
            value = figures[key]
            if started and key not in (MEMBERSHIP, FUND):
                value = None  # not known yet
            elif scenario == DRAFT and key == PUPILS and rng.random() < 0.5:
                value = None
            elif rng.random() < 0.01:  # left blank
                value = None
            value_rows.append(IndicatorValue(indicator_id=indicator.pk, value=value))

    proposal_rows = []
    if report.submitted_at:
        answered = report.status == Status.ACCEPTED
        for text in proposals:
            answer = rng.choice(ANSWERS) if answered and rng.random() < 0.7 else ""
            proposal_rows.append(
                Proposal(
                    text=text,
                    answer=answer,
                    answered_by_id=reviewer if answer else None,
                    answered_at=report.reviewed_at if answer else None,
                )
            )
    built.reports.append(report)
    built.children.append((report, progress_rows, value_rows, event_rows, proposal_rows))


def _note(item: Item, rng) -> str:
    return rng.choice(item.notes).format(a=rng.randint(1, 6), b=rng.randint(2, 30), c=rng.randint(10, 400))


def _progress(item: Item, period, maturity: float, unit: UnitProfile, rng) -> tuple[str, str]:
    """The status of a filed report on one commitment: done more often as the years pass."""
    if not _falls_in(item, period):
        return Progress.NOT_APPLICABLE, OUT_OF_PERIOD_NOTE.format(day=item.yearly_day, month=item.yearly_month)
    at_risk = 0.07 - 0.04 * maturity + (0.05 if unit.weak else 0)
    not_started = 0.06 * (1 - maturity)
    done = min(0.95, max(0.05, 0.30 + 0.50 * maturity + unit.quality))
    if item.recurrence == Recurrence.YEARLY:
        done = min(0.97, done + 0.3)
    draw = rng.random()
    if draw < at_risk:
        return Progress.AT_RISK, rng.choice(AT_RISK_NOTES)
    if draw < at_risk + not_started:
        return Progress.NOT_STARTED, ""
    if draw < at_risk + not_started + done:
        return Progress.DONE, _note(item, rng)
    return Progress.IN_PROGRESS, _note(item, rng)


def _write(built: Built, counts: Counter) -> None:
    """Write the reports, then their rows, in large batches."""
    _insert(ProgressReport, built.reports, counts)
    if built.reports and built.reports[0].pk is None:  # a database that does not return keys
        raise RuntimeError("ProgressReport: the database did not return the new keys.")
    progress, values, events, proposals = [], [], [], []
    for report, progress_rows, value_rows, event_rows, proposal_rows in built.children:
        for rows, into in (
            (progress_rows, progress),
            (value_rows, values),
            (event_rows, events),
            (proposal_rows, proposals),
        ):
            for row in rows:
                row.report_id = report.pk
            into.extend(rows)
    _insert(CommitmentProgress, progress, counts)
    _insert(IndicatorValue, values, counts)
    _insert(ReportEvent, events, counts)
    _insert(Proposal, proposals, counts)
