"""The service worker, the web app manifest and the offline page (khuyenhoc/offline.py)."""

import json
import struct
from pathlib import Path

from django.conf import settings
from django.urls import reverse


def test_the_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    code = response.content.decode()
    config = json.loads(code.split("\n", 1)[0].removeprefix("var CONFIG = ").removesuffix(";"))
    assert config["myReports"] == reverse("reports:my_reports")
    assert config["editPattern"] == r"^/reports/\d+/edit/$"
    assert config["offline"] == reverse("offline")
    assert 'addEventListener("fetch"' in code


def test_the_worker_keeps_no_other_page(client):
    """Only "My reports" and the edit pages are kept: the one list of kept pages is ``kept``."""
    code = client.get("/sw.js").content.decode()
    assert "url.pathname === CONFIG.myReports || EDIT.test(url.pathname)" in code
    assert code.count("cache.put(") == 1


def test_the_manifest_makes_the_portal_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b3d6b"
    assert manifest["name"] == "Cổng phối hợp khuyến học" and manifest["short_name"] == "Khuyến học"
    sizes = {icon["sizes"]: icon for icon in manifest["icons"]}
    for size in (192, 512):
        path = Path(settings.BASE_DIR, "static", sizes[f"{size}x{size}"]["src"].removeprefix(settings.STATIC_URL))
        header = path.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size)


def test_every_page_links_the_manifest_and_registers_the_worker_once_signed_in(client, reporter_a):
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert "data-offline-worker" not in page  # signed out: offline.js empties the cache instead
    client.force_login(reporter_a)
    assert 'data-offline-worker="/sw.js"' in client.get(reverse("home")).content.decode()


def test_the_offline_page_names_nobody(client, reporter_a):
    client.force_login(reporter_a)
    page = client.get(reverse("offline")).content.decode()
    assert reporter_a.username not in page and "<script" not in page


def test_the_policy_allows_the_worker_and_the_manifest_from_the_portal_only(client):
    directives = dict(d.split(" ", 1) for d in client.get("/sw.js")["Content-Security-Policy"].split("; "))
    assert directives["worker-src"] == "'self'" and directives["manifest-src"] == "'self'"
