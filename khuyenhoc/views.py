from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from khuyenhoc import access
from programmes.selectors import plans_ending
from reports import dashboard as dashboards
from reports import todo
from tasks.reminders import settings_for

Role = access.Role


@login_required
def home(request):
    """A to-do list for each role the user holds, then their roles."""
    user, today = request.user, timezone.localdate()
    memberships = access.memberships_of(user)
    roles = {m.role for m in memberships}
    context = {"memberships": memberships, "today": today}
    if Role.REPORTER in roles:
        context["reporter_todo"] = todo.reporter_todo(user, today=today)
    if Role.REVIEWER in roles:
        context["reviewer_todo"] = todo.reviewer_todo(user, today=today)
    if Role.EDITOR in roles:
        # The reminders' lead time for a plan that ends, as set for the editor's own area.
        lead = max(settings_for(m.organisation.area).plan_ending_days for m in memberships if m.role == Role.EDITOR)
        context["plans_to_open"] = todo.plans_to_open(user, today=today)
        context["plans_ending"] = plans_ending(user, today=today, within_days=lead)
    if Role.LEADER in roles:
        context["board"] = dashboards.dashboard_for(user, dashboards.Filters())
    return render(request, "home.html", context)


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows once a username is locked after repeated failed logins."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
