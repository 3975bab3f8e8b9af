"""Limits on logging in and on password resets, on top of django-axes.

django-axes locks a (username, address) pair after ``LOGIN_FAILURE_LIMIT`` failures.
Around it:

- A browser that has signed in as a username before carries a signed "known device"
  cookie (OWASP's device cookies). Other people's failures for that username from the
  same address (an office behind one NAT address) do not lock that browser out; its
  own failures are limited per cookie instead.
- One address is throttled after ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures across all
  usernames within the cool-off time (one password sprayed over many usernames).
- Password resets are limited per address and per e-mail address asked for, counted
  the same way whether or not an account has that address.

Counters live in the cache in fixed windows: approximate, cheap, no database work.
"""

import hashlib
import logging
import secrets

from axes.helpers import get_client_ip_address, get_client_username
from django.conf import settings
from django.core import signing
from django.core.cache import caches

DEVICE_COOKIE = "known_device"
DEVICE_SALT = "khuyenhoc.throttle.device"
DEVICE_MAX_AGE = 180 * 24 * 3600
HOUR = 3600
log = logging.getLogger(__name__)


def hit(key: str, *, window: int) -> int:
    """Count one more event in a window that starts with the first one; the new count.

    With the cache down nothing is counted: the limits lapse (django-axes' lock, kept in
    the database, still holds) rather than the login page answering 500."""
    cache = caches["throttle"]
    try:
        cache.add(key, 0, window)
        try:
            return cache.incr(key)
        except ValueError:  # the window ended between add and incr
            cache.set(key, 1, window)
            return 1
    except Exception:  # noqa: BLE001 (any cache or connection error)
        log.warning("throttle: the cache is unavailable; %s not counted", key.split(":")[0], exc_info=True)
        return 0


def count(key: str) -> int:
    try:
        return caches["throttle"].get(key, 0)
    except Exception:  # noqa: BLE001
        log.warning("throttle: the cache is unavailable", exc_info=True)
        return 0


def _cooloff() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def _address(request) -> str:
    return get_client_ip_address(request) or "unknown"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# Logging in ---------------------------------------------------------------


def device_cookie(username: str) -> str:
    """The signed cookie that a browser receives when it signs in as ``username``."""
    return signing.dumps({"u": username, "n": secrets.token_urlsafe(12)}, salt=DEVICE_SALT)


def _device(request, username: str | None) -> str | None:
    """The cookie's nonce if this browser signed in as ``username`` before."""
    try:
        data = signing.loads(request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not username or data.get("u") != username:
        return None
    return data["n"]


def _device_failures(nonce: str) -> int:
    return count(f"login:device:{nonce}")


def known_device(request, username: str | None) -> str | None:
    """The cookie's nonce if this browser signed in as ``username`` before and has not
    failed too often since; None otherwise."""
    nonce = _device(request, username)
    if nonce and _device_failures(nonce) < settings.AXES_FAILURE_LIMIT:
        return nonce
    return None


def device_locked(request, username: str | None) -> bool:
    """A known browser that failed too often itself is locked like an unknown one."""
    nonce = _device(request, username)
    return bool(nonce) and _device_failures(nonce) >= settings.AXES_FAILURE_LIMIT


def is_known_device(request, credentials=None) -> bool:
    """django-axes' AXES_WHITELIST_CALLABLE: a known device is not held by the pair's lock."""
    return known_device(request, get_client_username(request, credentials)) is not None


def address_throttled(request) -> bool:
    return count(f"login:address:{_address(request)}") >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def login_failed(request, username: str) -> None:
    """Count a failed login against the address and, from a known device, against the device."""
    hit(f"login:address:{_address(request)}", window=_cooloff())
    nonce = known_device(request, username)
    if nonce:
        hit(f"login:device:{nonce}", window=_cooloff())


# Password reset -----------------------------------------------------------


def password_reset_allowed(request, email: str) -> bool:
    """Count a reset request; False once its address or the e-mail address asked too often.

    Both counters move on every request, so an unknown address costs the same work."""
    by_address = hit(f"reset:address:{_address(request)}", window=HOUR)
    by_account = hit(f"reset:account:{_digest(email.strip().casefold())}", window=HOUR)
    return by_address <= settings.PASSWORD_RESET_PER_ADDRESS and by_account <= settings.PASSWORD_RESET_PER_ACCOUNT
