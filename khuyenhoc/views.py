from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from khuyenhoc import access


@login_required
def home(request):
    memberships = access.memberships_of(request.user)
    return render(request, "home.html", {"memberships": memberships})


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows once a username is locked after repeated failed logins."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
