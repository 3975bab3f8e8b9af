from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import PreferencesForm
from .models import Kind, Notification, ReminderOptOut


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
    # Links are absolute for e-mail; inside the portal only their path is followed.
    parts = urlsplit(notification.link)
    return redirect(parts.path + (f"?{parts.query}" if parts.query else "") if parts.path else "tasks:notifications")


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
