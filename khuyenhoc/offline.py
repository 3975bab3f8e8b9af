"""What lets the portal open without a connection and sit on a phone's home screen: the
service worker (static/js/sw.js, served from the site's root so that its scope is the
whole site), the web app manifest and the page shown offline for a page never kept."""

import json

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

THEME_COLOUR = "#0b3d6b"  # the navbar's blue (static/css/portal.css, --portal-blue)


@never_cache  # a kept copy would keep an old worker running
def service_worker(request):
    """static/js/sw.js with the URLs it needs in front; the worker keeps only the pages
    those URLs name (see the file's comment)."""
    with open(finders.find("js/sw.js"), encoding="utf-8") as source:
        code = source.read()
    config = {
        "myReports": reverse("reports:my_reports"),
        # /reports/<pk>/edit/, as a pattern: the worker cannot reverse URLs.
        "editPattern": "^" + reverse("reports:report_edit", args=[0]).replace("/0/", "/\\d+/") + "$",
        "offline": reverse("offline"),
        "static": static(""),
    }
    response = HttpResponse(f"var CONFIG = {json.dumps(config)};\n{code}", content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@never_cache
def manifest(request):
    data = {
        "name": _("Study promotion coordination portal"),
        "short_name": _("Study promotion"),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [
            {"src": static("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def offline(request):
    """Shown by the worker for a page it does not keep; it names nobody, so anyone may see it."""
    return render(request, "offline.html")
