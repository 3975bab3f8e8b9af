"""Every form of the portal, fuzzed as its rightful user: no answer is a server error.

Each case opens a page as the person whose page it is, reads its forms as the browser
would, and lets hypothesis fill and send each of them: plain and as htmx requests, with
fields changed, forged or left out. Every request runs in a savepoint that is rolled
back, so each starts from the same reports, plans and periods.

The examples are derandomized, so CI is repeatable. ``FUZZ_EXAMPLES`` sets the examples per
form: 8 by default on PostgreSQL (the production database, about 90 s in all), 2 on SQLite.
``FUZZ_RANDOM=1`` with more examples explores further on a workstation.
"""

import os
from types import SimpleNamespace

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import (
    IN_H1,
    Role,
    add_pupil,
    build_plan,
    build_reporting_plan,
    build_world,
    built_once,
    make_conference,
    make_organisation,
    make_persona,
    make_pupil_list,
    make_user,
)
from reports.models import Attachment, ReportingSchedule
from reports.services import workflow
from tasks.models import Kind, Notification, Reminder, ReminderOptOut, ReminderSettings
from tests.form_fuzzing import forms_on, submissions
from tests.test_authorization import CASES as AUTHORIZATION_CASES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or (8 if "postgres" in os.environ.get("DATABASE_URL", "") else 2))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
# The offline page's draft sending is no form on a page: it posts the report form's own
# fields (fuzzed there) with fetch, and reports/tests/test_draft.py sends it bad ones.
SKIPPED_ACTIONS = {"logout", "reports:report_draft"}
ANY_PERMISSION = SimpleNamespace(user=SimpleNamespace(has_perm=lambda permission: True))


def more_units(world):
    """Communes C and D of province P, there before the plan's reporting opens."""
    units = [
        make_organisation(f"Hội Khuyến học xã {name}", world.commune_b, parent=world.association)
        for name in ("Ân Nghĩa", "Yên Phú")
    ]
    return [(unit, make_user(f"reporter_{n}", (unit, Role.REPORTER))) for n, unit in zip("cd", units)]


def filed_report(plan, period, unit, user, proposals=""):
    report = workflow.report_start(user=user, plan=plan, period=period, organisation=unit)
    progress = [workflow.ProgressData(c.pk, "done", "Đã làm") for c in workflow.commitments_for(plan, unit, period)]
    report.proposals_text = proposals
    report.save()
    report = workflow.report_save(
        user=user, report=report, version=report.version, narrative={}, progress=progress, values={}
    )
    return workflow.report_submit(user=user, report=report)


def pupil_lists(world, plan) -> dict:
    """The department's draft list for the association, and a list it sent, a pupil on each."""
    made = {}
    for status in ("draft", "sent"):
        made[f"{status}_list"] = make_pupil_list(plan, world.department, world.association, status=status)
        add_pupil(made[f"{status}_list"])
    return made


def build_filing():
    """Province P in the middle of H1/2026: commune A's draft with evidence, commune B's
    report submitted with two proposals, commune C's not started, commune D's returned."""
    world = build_world()
    (_, reporter_c), (unit_d, reporter_d) = more_units(world)
    plan = build_reporting_plan(build_plan(world))
    h1 = plan.periods.get(year=2026, half="H1")
    with time_machine.travel(IN_H1, tick=False):
        names = ["editor", "reviewer", "leader", "reporter_a", "reporter_b", "superuser"]
        editor, reviewer, leader, reporter_a, reporter_b, superuser = (make_persona(name, world) for name in names)
        returned = filed_report(plan, h1, unit_d, reporter_d)
        workflow.report_return(user=reviewer, report=returned, comment="Bổ sung số liệu")
        draft = workflow.report_start(user=reporter_a, plan=plan, period=h1, organisation=world.unit_a)
        Attachment.objects.create(
            report=draft,
            file=ContentFile(b"%PDF-1.4\n%%EOF", name="a.pdf"),
            name="minh-chung.pdf",
            uploaded_by=reporter_a,
        )
        filed = filed_report(plan, h1, world.unit_b, reporter_b, proposals="Đề nghị hỗ trợ kinh phí\nĐề nghị tập huấn")
        commitment = plan.commitments.get(number="2")
        # One row of each model the admin shows, so that every change page has one to open.
        reminder = Reminder.objects.create(
            key="fuzz", kind=Kind.DUE_SOON, recipient=reporter_a, plan=plan, period=h1, subject="Sắp đến hạn"
        )
        Notification.objects.create(user=reporter_a, reminder=reminder, title="Sắp đến hạn", link="/reports/mine/")
        ReminderOptOut.objects.create(user=leader, kind=Kind.DUE_SOON)
        ReminderSettings.objects.get_or_create(area=world.province)
        ReportingSchedule.objects.get_or_create(area=world.province)
        lists = pupil_lists(world, plan)
        conference, conclusion = make_conference(h1, world.association)
    return SimpleNamespace(
        **lists,
        conference=conference,
        conclusion=conclusion,
        world=world,
        plan=plan,
        period=h1,
        draft=draft,
        filed=filed,
        commitment=commitment,
        section=commitment.section,
        indicator=commitment.indicators.first(),
        users={
            "editor": editor,
            "reviewer": reviewer,
            "leader": leader,
            "reporter_a": reporter_a,
            "reporter_c": reporter_c,
            "superuser": superuser,
        },
    )


@pytest.fixture(scope="module")
def filed_world(django_db_setup, django_db_blocker):
    """The filing world, built once for the module's ~55 cases; each case's ``db`` savepoint
    (and each request's own, in ``fuzz``) rolls back what it writes."""
    yield from built_once(django_db_blocker, build_filing)


@pytest.fixture
def filing(filed_world, db, in_h1):
    """The filing world, seen in the middle of H1/2026, with a cache no other case filled."""
    caches["default"].clear()
    return filed_world


def reset_link(f):
    user = f.users["editor"]
    return reverse(
        "password_reset_confirm",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )


def admin_pages():
    """The add and change pages of every model the portal registers in the admin."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("programmes", "reports", "tasks"):
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        if model_admin.has_add_permission(ANY_PERMISSION):
            yield ("superuser", lambda f, prefix=prefix: reverse(f"{prefix}_add"))
        yield (
            "superuser",
            lambda f, prefix=prefix, model=model: reverse(
                f"{prefix}_change", args=[model.objects.order_by("pk").first().pk]
            ),
        )


# (persona, page): the forms a person meets on their own pages.
PAGES = [
    ("anonymous", lambda f: reverse("login")),
    ("anonymous", lambda f: reverse("password_reset")),
    ("anonymous", reset_link),
    ("editor", lambda f: reverse("password_change")),
    ("editor", lambda f: reverse("tasks:preferences")),
    ("reporter_a", lambda f: reverse("tasks:notifications")),
    ("editor", lambda f: reverse("programmes:plan_list")),
    ("editor", lambda f: reverse("programmes:organisation_list")),
    ("editor", lambda f: reverse("programmes:plan_create")),
    ("editor", lambda f: reverse("programmes:plan_import")),
    ("editor", lambda f: reverse("programmes:plan_detail", args=[f.plan.pk])),
    ("editor", lambda f: reverse("programmes:plan_edit", args=[f.plan.pk])),
    ("editor", lambda f: reverse("programmes:plan_derive", args=[f.plan.pk])),
    ("editor", lambda f: reverse("programmes:commitments", args=[f.plan.pk])),
    ("editor", lambda f: reverse("programmes:section_edit", args=[f.plan.pk, f.section.pk])),
    ("editor", lambda f: reverse("programmes:commitment_create", args=[f.plan.pk]) + f"?section={f.section.pk}"),
    ("editor", lambda f: reverse("programmes:commitment_edit", args=[f.plan.pk, f.commitment.pk])),
    ("editor", lambda f: reverse("reports:plan_reporting", args=[f.plan.pk])),
    ("reporter_c", lambda f: reverse("reports:my_reports")),
    ("reporter_a", lambda f: reverse("reports:report_edit", args=[f.draft.pk])),
    ("reporter_a", lambda f: reverse("reports:report_detail", args=[f.draft.pk])),
    ("reviewer", lambda f: reverse("reports:review_queue")),
    ("reviewer", lambda f: reverse("reports:report_list")),
    ("reviewer", lambda f: reverse("reports:report_detail", args=[f.filed.pk])),
    ("reviewer", lambda f: reverse("reports:report_accept", args=[f.filed.pk])),
    ("reviewer", lambda f: reverse("reports:period_detail", args=[f.plan.pk, f.period.pk])),
    ("leader", lambda f: reverse("reports:dashboard")),
    ("editor", lambda f: reverse("awards:list_create")),
    ("editor", lambda f: reverse("awards:list_detail", args=[f.draft_list.pk])),
    ("editor", lambda f: reverse("awards:entry_create", args=[f.draft_list.pk])),
    ("editor", lambda f: reverse("awards:list_upload", args=[f.draft_list.pk])),
    ("reviewer", lambda f: reverse("awards:list_detail", args=[f.sent_list.pk])),
    ("superuser", lambda f: reverse("awards:anonymise")),
    ("superuser", lambda f: reverse("public:settings")),
    ("editor", lambda f: reverse("conferences:edit", args=[f.plan.pk, f.period.pk])),
    ("editor", lambda f: reverse("conferences:detail", args=[f.conference.pk])),
    ("editor", lambda f: reverse("conferences:conclusion_edit", args=[f.conference.pk, f.conclusion.pk])),
    ("editor", lambda f: reverse("conferences:successor", args=[f.plan.pk])),
    ("editor", lambda f: reverse("feed:entries", args=[f.plan.pk])),
    ("reviewer", lambda f: reverse("feed:entries", args=[f.plan.pk]) + "?kind=notice"),
    ("reporter_a", lambda f: reverse("feed:settings")),
    *admin_pages(),
]


def page_forms(client, f, persona, page):
    if persona != "anonymous":
        client.force_login(f.users[persona])
    url = page(f)
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    final = response.request["PATH_INFO"] + (
        "?" + response.request["QUERY_STRING"] if response.request.get("QUERY_STRING") else ""
    )
    forms = {}
    for form in forms_on(response.content.decode(), "http://testserver" + final):
        match = resolve(form.path)
        if match.url_name in SKIPPED_ACTIONS:
            continue
        # One of each kind: moving commitment 1 or 2 is the same form.
        forms.setdefault((match.route, form.method, tuple(i.name for i in form.fields)), form)
    return list(forms.values())


def fuzz(client, form):
    """Send ``form`` EXAMPLES times with drawn values; any 500 (an exception here) fails."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not RANDOM,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
        phases=[Phase.explicit, Phase.generate],
    )  # no shrinking: the failing request is printed as sent
    @given(data=submissions(form), htmx=st.booleans())
    def send(data, htmx):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        if form.method == "get":
            data = {name: value for name, value in data.items() if isinstance(value, (str, list))}
        with transaction.atomic():
            try:
                response = getattr(client, "post" if form.method == "post" else "get")(form.action, data, **headers)
            finally:
                transaction.set_rollback(True)
        assert response.status_code < 500, (form.action, data)

    send()


@pytest.mark.parametrize("persona,page", PAGES, ids=[f"{p}-{n}" for n, (p, _) in enumerate(PAGES)])
def test_no_form_answers_a_server_error(client, filing, persona, page):
    forms = page_forms(client, filing, persona, page)
    assert forms, "the page has no form to fuzz"
    for form in forms:
        fuzz(client, form)


def test_the_fuzzer_reaches_every_state_change(client, filing):
    """Every POST in the authorization table is the action of a form the fuzzer sends."""
    reached = set()
    for persona, page in PAGES:
        client.logout()
        for form in page_forms(client, filing, persona, page):
            match = resolve(form.path)
            reached.add(f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name)
    posted = {case[2] for case in AUTHORIZATION_CASES if case[1] == "post"} - SKIPPED_ACTIONS
    assert posted - reached == set()
