"""Every URL of the portal, visited by every persona, with the expected answer.

Later issues add their URLs to ``CASES``. ``LOGIN`` means a redirect to the
login page, ``ADMIN_LOGIN`` a redirect to the admin's.
"""
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PERSONAS

LOGIN = "login"
ADMIN_LOGIN = "admin-login"


def expect(anonymous, superuser, editor, reviewer, leader, reporter_a, reporter_b, outsider):
    return dict(zip(PERSONAS, [anonymous, superuser, editor, reviewer, leader, reporter_a, reporter_b, outsider]))


# (case id, method, URL name, arguments built from the world, expected answers)
CASES = [
    ("home", "get", "home", lambda w: [], expect(LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    ("login", "get", "login", lambda w: [], expect(200, 302, 302, 302, 302, 302, 302, 302)),
    ("logout-get", "get", "logout", lambda w: [], expect(*[405] * 8)),
    ("password-change", "get", "password_change", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("password-change-done", "get", "password_change_done", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("password-reset", "get", "password_reset", lambda w: [], expect(*[200] * 8)),
    ("password-reset-done", "get", "password_reset_done", lambda w: [], expect(*[200] * 8)),
    (
        "password-reset-bad-token",
        "get",
        "password_reset_confirm", lambda w: ["MQ", "bad-token"],
        expect(*[200] * 8),
    ),
    ("password-reset-complete", "get", "password_reset_complete", lambda w: [], expect(*[200] * 8)),
    ("set-language-get", "get", "set_language", lambda w: [], expect(*[302] * 8)),
    ("set-language-post", "post", "set_language", lambda w: [], expect(*[302] * 8)),
    ("logout-post", "post", "logout", lambda w: [], expect(*[302] * 8)),
    (
        "organisation-list",
        "get",
        "programmes:organisation_list", lambda w: [],
        expect(LOGIN, 200, 200, 200, 200, 403, 403, 200),
    ),
    (
        "my-organisation",
        "get",
        "programmes:my_organisation", lambda w: [],
        expect(LOGIN, 403, 403, 403, 403, 302, 302, 403),
    ),
    (
        "organisation-detail-unit-a",
        "get",
        "programmes:organisation_detail", lambda w: [w.unit_a.pk],
        expect(LOGIN, 200, 200, 200, 200, 200, 404, 404),
    ),
    (
        "organisation-detail-historical",
        "get",
        "programmes:organisation_detail", lambda w: [w.historical_unit.pk],
        expect(LOGIN, 200, 200, 200, 200, 404, 404, 404),
    ),
    (
        "organisation-detail-other-province",
        "get",
        "programmes:organisation_detail", lambda w: [w.other_unit.pk],
        expect(LOGIN, 200, 404, 404, 404, 404, 404, 200),
    ),
    (
        "organisation-detail-missing",
        "get",
        "programmes:organisation_detail", lambda w: [999999],
        expect(LOGIN, 404, 404, 404, 404, 404, 404, 404),
    ),
    ("admin-index", "get", "admin:index", lambda w: [], expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6)),
]
for model in ["area", "organisation", "membership", "user"]:
    CASES += [
        (
            f"admin-{model}-list",
            "get",
            f"admin:programmes_{model}_changelist", lambda w: [],
            expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
        ),
        (
            f"admin-{model}-add",
            "get",
            f"admin:programmes_{model}_add", lambda w: [],
            expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
        ),
    ]
CASES += [
    (
        "admin-organisation-change",
        "get",
        "admin:programmes_organisation_change", lambda w: [w.unit_a.pk],
        expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
    ),
    (
        "admin-area-change",
        "get",
        "admin:programmes_area_change", lambda w: [w.commune_a.pk],
        expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
    ),
]


@pytest.mark.parametrize("persona_name", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_url_answers_each_persona_as_expected(client, world, persona, persona_name, case):
    _case_id, method, url_name, build_args, expected = case
    user = persona(persona_name)
    if user is not None:
        client.force_login(user)
    url = reverse(url_name, args=build_args(world))
    response = getattr(client, method)(url)
    want = expected[persona_name]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif want == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == want, f"{persona_name} on {url}"


def _named_urls(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_named_url_of_the_portal_is_in_the_table():
    """A new page cannot be added without deciding who may see it."""
    covered = {case[2] for case in CASES}
    portal_urls = {name for name in _named_urls(get_resolver().url_patterns) if not name.startswith("admin:")}
    assert portal_urls - covered == set()
