from urllib.parse import urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards.todo import list_todo
from programmes import access
from programmes.selectors import plans_ending
from reports import dashboard as dashboards
from reports import todo

from . import services
from .forms import PreferencesForm
from .models import Kind, Notification, ReminderOptOut
from .reminders import settings_for

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
    context["list_todo"] = list_todo(user)
    return render(request, "home.html", context)


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(user=request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "tasks/notifications.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark the notification read and go to what it is about."""
    notification = get_object_or_404(Notification, user=request.user, pk=pk)
    services.notifications_mark_read(user=request.user, notification=notification)
    # Links are absolute for e-mail; inside the portal only their path is followed, with the query
    # and the place on the page (a feed's "#entry-17": the entry itself, not the top of the feed).
    parts = urlsplit(notification.link)
    if not parts.path:
        return redirect("tasks:notifications")
    return redirect(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


@login_required
@require_POST
def notifications_read_all(request):
    services.notifications_mark_read(user=request.user)
    return redirect("tasks:notifications")


@login_required
def preferences(request):
    off = set(ReminderOptOut.objects.filter(user=request.user).values_list("kind", flat=True))
    form = PreferencesForm(request.POST or None, initial={"wanted": [k for k in Kind.values if k not in off]})
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, wanted=form.cleaned_data["wanted"])
        messages.success(request, _("Your reminder settings were saved."))
        return redirect("tasks:preferences")
    return render(request, "tasks/preferences.html", {"form": form})
