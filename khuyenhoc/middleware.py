import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Activate the language the user chose, else Vietnamese.

    Unlike Django's LocaleMiddleware this ignores the browser's
    Accept-Language: an office PC set up in English must still show the
    portal in Vietnamese until someone picks English in the switch.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class ContentSecurityPolicyMiddleware:
    """Scripts, styles, images and forms from the portal itself only; no inline scripts or
    style attributes (templates hold none: behaviour lives in static/js)."""

    POLICY = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'self'",
            "worker-src 'self'",  # the service worker, /sw.js (khuyenhoc/offline.py)
            "manifest-src 'self'",
        ]
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response


class PrivatePagesMiddleware:
    """Signed-in pages are not kept by the browser or any cache on the way: a shared office
    computer's Back button or disk must not show the last user's reports."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response


class SessionTimeoutMiddleware:
    """Sign out after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_DAYS after
    signing in whatever the activity. The session keeps both times; the cookie's own age
    (SESSION_COOKIE_AGE) slides with every save, so it cannot hold the absolute limit."""

    SEEN_EVERY = 60  # seconds: at most one session write a minute for the idle clock

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request) -> None:
        now, session = int(time.time()), request.session
        signed_in = session.setdefault(SIGNED_IN_AT, now)
        seen = session.get(SEEN_AT, now)
        if now - seen > settings.SESSION_IDLE_MINUTES * 60 or now - signed_in > settings.SESSION_MAX_DAYS * 86400:
            logout(request)  # the view then sees an anonymous user: login_required sends them to log in
            messages.info(request, _("Your session has ended. Please log in again."))
        elif now - seen >= self.SEEN_EVERY or SEEN_AT not in session:
            session[SEEN_AT] = now


SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"


@receiver(user_logged_in)
def session_started(sender=None, request=None, **kwargs) -> None:
    """Start both clocks of a new sign-in, however it happens (the login page, the admin's, a test)."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = now
