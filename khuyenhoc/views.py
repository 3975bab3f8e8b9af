import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponseRedirect
from django.shortcuts import render
from kombu.exceptions import OperationalError

from khuyenhoc import throttle
from khuyenhoc.forms import LoginForm

log = logging.getLogger(__name__)


def locked_out(request, original_response=None, credentials=None, by_address=False):
    """What django-axes shows once a username is locked after repeated failed logins,
    and what an address sees once it failed too often across usernames."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"cooloff_minutes": minutes, "by_address": by_address}
    return render(request, "registration/locked_out.html", context, status=429)


class LoginView(auth_views.LoginView):
    """Django's login, with the limits of ``khuyenhoc.throttle`` around django-axes."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # A locked request gets no answer about the password, right or wrong.
        username = request.POST.get("username")
        if throttle.device_locked(request, username):
            return locked_out(request)
        if throttle.address_throttled(request) and not throttle.known_device(request, username):
            return locked_out(request, by_address=True)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)  # login() starts the session's clocks (middleware.session_started)
        response.set_cookie(
            throttle.DEVICE_COOKIE,
            throttle.device_cookie(form.get_user().get_username()),
            max_age=throttle.DEVICE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            throttle.login_failed(self.request, form.data.get("username", ""))
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    """The reset form always answers "done" at once: the lookup and the e-mail happen in a
    task, so a known and an unknown address cost the view the same work and time."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if throttle.password_reset_allowed(self.request, email):
            options = {
                "email": email,
                "domain": self.request.get_host(),
                "use_https": self.request.is_secure(),
                "language": self.request.LANGUAGE_CODE,
            }
            transaction.on_commit(lambda: _queue_password_reset(options))
        return HttpResponseRedirect(self.get_success_url())


def _queue_password_reset(options: dict) -> None:
    """Queue the reset e-mail; with the broker down, send it here rather than lose it (the
    page then takes a moment longer, which only an outage reveals)."""
    from tasks.tasks import send_password_reset  # the project's views load no app at import time

    try:
        send_password_reset.delay(**options)
    except OperationalError as error:
        log.warning("Broker unavailable, password reset sent in the request: %s", type(error).__name__)
        send_password_reset.apply(kwargs=options)
