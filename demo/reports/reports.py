"""Writing the demo reports: the scenario of each unit and period, its timeline and its rows."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from programmes.models import Organisation, Plan
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport, Proposal, ReportEvent, ReportingPeriod
from reports.selectors import commitments_for

from .figures import _figure, _figures
from .plan import TARGET_KEYS
from .texts import ANSWERS, DEFAULT_RETURN_COMMENT, RETURN_COMMENTS, _narrative, _note, _progress

Status = ProgressReport.Status
Progress = CommitmentProgress.Status
Action = ReportEvent.Action


ACCEPTED = "accepted"
ACCEPTED_LATE = "accepted_late"
ACCEPTED_AFTER_RETURN = "accepted_after_return"
SUBMITTED = "submitted"
RETURNED = "returned"
DRAFT = "draft"  # filled in, not sent
STARTED = "started"  # a draft of the current period, partly filled in


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _in_the_past(moments: list[datetime]) -> list[datetime]:
    """The moments, in order, moved back where needed so that the last is before now."""
    limit = timezone.now() - timedelta(minutes=5)
    result = []
    for moment in reversed(moments):
        moment = min(moment, limit)
        result.append(moment)
        limit = moment - timedelta(minutes=10)
    return list(reversed(result))


@dataclass
class Step:
    action: str
    at: datetime
    actor: object  # a user or None
    comment: str = ""


def _timeline(scenario: str, period: ReportingPeriod, seed: int, reporter, reviewer, comment: str) -> list[Step]:
    """The events of a report, in order, dated within or just after the period."""
    today = timezone.localdate()
    ends, due = period.ends_on, period.due_on
    created = _at(ends - timedelta(days=8 + seed % 5), 8, (10 + 7 * seed) % 60)
    on_time = _at(min(ends + timedelta(days=seed % 4), due), 14, (5 * seed) % 60)
    if scenario == STARTED:
        # Begun a week ago, or a few days into the period if it is younger.
        start = _at(max(period.starts_on + timedelta(days=3), today - timedelta(days=7)), 8, 30)
        moment = _in_the_past([start])[0]
        if timezone.localtime(moment).date() < period.starts_on:  # the period began today
            moment = timezone.now()
        return [Step(Action.CREATED, moment, reporter)]
    if scenario == DRAFT:
        return _steps([(Action.CREATED, created, reporter, "")])
    if scenario in (ACCEPTED, ACCEPTED_LATE):
        submitted = on_time
        if scenario == ACCEPTED_LATE:
            submitted = _at(min(due + timedelta(days=3), period.locked_after), 16, 20)
        return _steps(
            [
                (Action.CREATED, created, reporter, ""),
                (Action.SUBMITTED, submitted, reporter, ""),
                (Action.ACCEPTED, _at(submitted.date() + timedelta(days=3), 9, 15), reviewer, ""),
            ]
        )
    if scenario == ACCEPTED_AFTER_RETURN:
        first = _at(ends + timedelta(days=1), 15, 0)
        returned = _at(ends + timedelta(days=2), 10, 30)
        again = _at(min(ends + timedelta(days=4), due), 16, 45)
        return _steps(
            [
                (Action.CREATED, created, reporter, ""),
                (Action.SUBMITTED, first, reporter, ""),
                (Action.RETURNED, returned, reviewer, comment),
                (Action.SUBMITTED, again, reporter, ""),
                (Action.ACCEPTED, _at(again.date() + timedelta(days=3), 9, 40), reviewer, ""),
            ]
        )
    if scenario == SUBMITTED:
        return _steps([(Action.CREATED, created, reporter, ""), (Action.SUBMITTED, on_time, reporter, "")])
    if scenario == RETURNED:
        steps = [
            (Action.CREATED, created, reporter, ""),
            (Action.SUBMITTED, on_time, reporter, ""),
            (Action.RETURNED, _at(on_time.date() + timedelta(days=2), 10, 30), reviewer, comment),
        ]
        if period.locked_after < today:  # reopened so that the unit can still fix it
            until = today + timedelta(days=14)
            reopened_on = max(today - timedelta(days=2), period.locked_after + timedelta(days=1))
            steps.append((Action.REOPENED, _at(reopened_on, 9, 0), reviewer, f"đến ngày {until:%d/%m/%Y}"))
        return _steps(steps)
    raise ValueError(scenario)


def _steps(rows: list[tuple]) -> list[Step]:
    moments = _in_the_past([row[1] for row in rows])
    return [Step(action, moment, actor, comment) for (action, _ideal, actor, comment), moment in zip(rows, moments)]


STATUS_AFTER = {
    Action.SUBMITTED: Status.SUBMITTED,
    Action.RETURNED: Status.RETURNED,
    Action.ACCEPTED: Status.ACCEPTED,
}


def _write_report(
    *,
    plan: Plan,
    period: ReportingPeriod,
    organisation: Organisation,
    scenario: str,
    unit_key: str,
    step: int,
    seed: int,
    units: int,
    reporter,
    reviewer,
) -> ProgressReport:
    comment = RETURN_COMMENTS.get(unit_key, DEFAULT_RETURN_COMMENT)
    steps = _timeline(scenario, period, seed, reporter, reviewer, comment)
    figures = _figures(unit_key, step, period.half)
    narrative = _narrative(organisation, period, figures, seed + step)
    started = scenario == STARTED
    if started:  # only the results begun
        narrative = {"results": narrative["results"].split(". ")[0] + ".", "proposals_text": ""}

    report = ProgressReport(plan=plan, period=period, organisation=organisation, **narrative)
    version = 1
    for event in steps:
        if event.action == Action.SUBMITTED:
            version += 2  # saved, then submitted
            report.submitted_at = event.at
        elif event.action in (Action.RETURNED, Action.ACCEPTED):
            version += 1
            report.reviewed_at = event.at
        if event.action == Action.RETURNED:
            report.return_comment = event.comment
        if event.action == Action.REOPENED:
            report.reopened_until = timezone.localdate() + timedelta(days=14)
        report.status = STATUS_AFTER.get(event.action, report.status)
    if scenario in (DRAFT, STARTED):
        version += 1  # saved once
    report.version = version
    report.save()

    for event in steps:
        ReportEvent.objects.create(report=report, action=event.action, actor=event.actor, comment=event.comment)
    for event, pk in zip(steps, report.events.order_by("pk").values_list("pk", flat=True)):
        ReportEvent.objects.filter(pk=pk).update(at=event.at)

    at_risk = unit_key in ("lac_son", "mai_chau") and (step == 0 or scenario == RETURNED)
    for position, commitment in enumerate(commitments_for(plan, organisation)):
        if started:
            begun = position < 3
            status = Progress.IN_PROGRESS if begun else Progress.NOT_STARTED
            note = _note(commitment, a=2, b=3, c=12) if begun else ""
        else:
            status, note = _progress(commitment, position, period, step, seed, at_risk)
        CommitmentProgress.objects.create(report=report, commitment=commitment, status=status, note=note)
        for indicator in commitment.indicators.all():
            value = _figure(indicator, figures, units)
            if started and TARGET_KEYS.get(indicator.name) not in ("membership", "fund"):
                value = None  # not known yet
            if scenario == DRAFT and TARGET_KEYS.get(indicator.name) == "pupils":
                value = None
            IndicatorValue.objects.create(report=report, indicator=indicator, value=value)

    last = steps[-1].at
    if report.submitted_at:
        answered = report.status == Status.ACCEPTED
        for text in report.proposals_text.splitlines():
            text = text.strip()
            if not text:
                continue
            answer = ANSWERS.get(text, "") if answered and reviewer else ""
            Proposal.objects.create(
                report=report,
                text=text,
                answer=answer,
                answered_by=reviewer if answer else None,
                answered_at=report.reviewed_at if answer else None,
            )
    ProgressReport.objects.filter(pk=report.pk).update(created_at=steps[0].at, updated_at=last)
    return report


def periods_by_role(periods: list[ReportingPeriod], today: date):
    """A plan's periods (in date order) split into (ended, recent, current), relative to today.

    ``current`` is the period containing today or, past its end, the last one
    that has started and is still open for filing; ``recent`` the one before it;
    ``ended`` all earlier ones.
    """
    started = [p for p in periods if p.starts_on <= today]
    if not started:
        return [], None, None
    current = next((p for p in started if p.ends_on >= today), started[-1])
    if current.locked_after < today:  # the whole plan is over
        return started[:-1], started[-1], None
    index = started.index(current)
    if index == 0:
        return [], None, current
    return started[: index - 1], started[index - 1], current


def _scenarios(ended, recent, current) -> list[tuple[ReportingPeriod, str, str]]:
    """(period, unit key, scenario) of every report to write; "other" is any other unit."""
    rows = []
    for index, period in enumerate(ended):
        first = index == 0
        rows += [
            (period, "department", ACCEPTED),
            (period, "province", ACCEPTED),
            (period, "hoa_binh", ACCEPTED_AFTER_RETURN if first else ACCEPTED),
            (period, "lac_son", ACCEPTED_LATE if first else ACCEPTED),
            (period, "other", ACCEPTED),
        ]
        if not first:  # missing from the first period
            rows.append((period, "mai_chau", ACCEPTED))
    if recent:
        rows += [
            (recent, "department", ACCEPTED),
            (recent, "province", ACCEPTED),
            (recent, "hoa_binh", SUBMITTED),  # waiting in the reviewer's queue
            (recent, "lac_son", RETURNED),
            (recent, "mai_chau", DRAFT),
            (recent, "other", ACCEPTED),
        ]
    if current:
        rows.append((current, "lac_son", STARTED))  # Hòa Bình has nothing yet
    return rows
