"""Loading the demo reporting: the current plan, its periods and its reports."""

from django.db import transaction
from django.utils import timezone

from programmes.models import Membership, Organisation
from reports.models import ProgressReport
from reports.services.periods import plan_open_reporting

from .plan import ASSOCIATION, PROVINCE, UNIT_KEYS, _current_plan
from .reports import _scenarios, _write_report, periods_by_role

Role = Membership.Role


def _user_with(organisation: Organisation, role: str):
    membership = (
        Membership.objects.filter(organisation=organisation, role=role, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


@transaction.atomic
def demo_reports_load() -> None:
    """Create the current demo plan of Phú Thọ, open its reporting and write its demo reports."""
    today = timezone.localdate()
    plan = _current_plan(today.year - 1, today.year)
    if not plan.periods.exists():
        # Only the first time: later, Phú Thọ may hold more association units (the
        # national data set), which must not join the demo plan and its reports.
        plan_open_reporting(user=None, plan=plan)

    units = plan.reporting_units.select_related("organisation__area")
    units = list(units.order_by("organisation__area__path", "organisation__name", "pk"))
    keys = {u.organisation_id: UNIT_KEYS.get((u.organisation.area.code, u.organisation.name), "other") for u in units}
    association = Organisation.objects.filter(area__code=PROVINCE, name=ASSOCIATION).first()
    reviewer = _user_with(association, Role.REVIEWER) if association else None
    periods = list(plan.periods.order_by("starts_on"))
    existing = set(ProgressReport.objects.filter(plan=plan).values_list("period_id", "organisation_id"))

    for period, unit_key, scenario in _scenarios(*periods_by_role(periods, today)):
        for seed, unit in enumerate(units):
            organisation = unit.organisation
            if keys[organisation.pk] != unit_key or (period.pk, organisation.pk) in existing:
                continue
            _write_report(
                plan=plan,
                period=period,
                organisation=organisation,
                scenario=scenario,
                unit_key=unit_key,
                step=periods.index(period),
                seed=seed,
                units=len(units),
                reporter=_user_with(organisation, Role.REPORTER),
                reviewer=reviewer,
            )
            existing.add((period.pk, organisation.pk))
