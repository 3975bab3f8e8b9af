"""Every URL of the portal, visited by every persona, with the expected answer.

Later issues add their URLs to ``CASES``. ``LOGIN`` means a redirect to the
login page, ``ADMIN_LOGIN`` a redirect to the admin's.

The world the cases visit is built once for the module (``matrix``), in a transaction
rolled back at the end; each case runs in a savepoint of its own, so what one case
writes (a returned report, a withdrawn commitment) no other case sees.
"""

from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import (
    IN_H1,
    PERSONAS,
    add_pupil,
    build_other_plan,
    build_plan,
    build_reporting_plan,
    build_world,
    built_once,
    make_commitment,
    make_conference,
    make_persona,
    make_pupil_list,
)
from feed.models import Entry, EntryAttachment
from programmes.models import Indicator, Plan
from public.models import Publication
from reports.models import Attachment, ProgressReport, Proposal
from tasks.models import Notification

LOGIN = "login"
ADMIN_LOGIN = "admin-login"


def expect(anonymous, superuser, editor, reviewer, leader, reporter_a, reporter_b, outsider):
    return dict(zip(PERSONAS, [anonymous, superuser, editor, reviewer, leader, reporter_a, reporter_b, outsider]))


# (case id, method, URL name, arguments built from the test's objects, expected answers)
CASES = [
    ("home", "get", "home", lambda w: [], expect(LOGIN, 200, 200, 200, 200, 200, 200, 200)),
    ("login", "get", "login", lambda w: [], expect(200, 302, 302, 302, 302, 302, 302, 302)),
    # The service worker, the manifest and the offline page name nobody: anyone may fetch them.
    ("service-worker", "get", "service_worker", lambda w: [], expect(*[200] * 8)),
    ("manifest", "get", "manifest", lambda w: [], expect(*[200] * 8)),
    ("offline", "get", "offline", lambda w: [], expect(*[200] * 8)),
    ("logout-get", "get", "logout", lambda w: [], expect(*[405] * 8)),
    ("password-change", "get", "password_change", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("password-change-done", "get", "password_change_done", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("password-reset", "get", "password_reset", lambda w: [], expect(*[200] * 8)),
    ("password-reset-done", "get", "password_reset_done", lambda w: [], expect(*[200] * 8)),
    (
        "password-reset-bad-token",
        "get",
        "password_reset_confirm",
        lambda w: ["MQ", "bad-token"],
        expect(*[200] * 8),
    ),
    ("password-reset-complete", "get", "password_reset_complete", lambda w: [], expect(*[200] * 8)),
    ("set-language-get", "get", "set_language", lambda w: [], expect(*[302] * 8)),
    ("set-language-post", "post", "set_language", lambda w: [], expect(*[302] * 8)),
    ("logout-post", "post", "logout", lambda w: [], expect(*[302] * 8)),
    (
        "organisation-list",
        "get",
        "programmes:organisation_list",
        lambda w: [],
        expect(LOGIN, 200, 200, 200, 200, 403, 403, 200),
    ),
    (
        "my-organisation",
        "get",
        "programmes:my_organisation",
        lambda w: [],
        expect(LOGIN, 403, 403, 403, 403, 302, 302, 403),
    ),
    (
        "organisation-detail-unit-a",
        "get",
        "programmes:organisation_detail",
        lambda w: [w.unit_a.pk],
        expect(LOGIN, 200, 200, 200, 200, 200, 404, 404),
    ),
    (
        "organisation-detail-historical",
        "get",
        "programmes:organisation_detail",
        lambda w: [w.historical_unit.pk],
        expect(LOGIN, 200, 200, 200, 200, 404, 404, 404),
    ),
    (
        "organisation-detail-other-province",
        "get",
        "programmes:organisation_detail",
        lambda w: [w.other_unit.pk],
        expect(LOGIN, 200, 404, 404, 404, 404, 404, 200),
    ),
    (
        "organisation-detail-missing",
        "get",
        "programmes:organisation_detail",
        lambda w: [999999],
        expect(LOGIN, 404, 404, 404, 404, 404, 404, 404),
    ),
    ("admin-index", "get", "admin:index", lambda w: [], expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6)),
]
# Plans: ``plan`` is province P's plan in force, ``other_plan`` province Q's.
EDIT = expect(LOGIN, 200, 200, 403, 403, 403, 403, 404)
EDIT_POST = expect(LOGIN, 302, 302, 403, 403, 403, 403, 404)
READ = expect(LOGIN, 200, 200, 200, 200, 200, 200, 404)
CASES += [
    ("plan-list", "get", "programmes:plan_list", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("plan-create", "get", "programmes:plan_create", lambda w: [], expect(LOGIN, 200, 200, 403, 403, 403, 403, 200)),
    ("plan-import", "get", "programmes:plan_import", lambda w: [], expect(LOGIN, 200, 200, 403, 403, 403, 403, 200)),
    (
        "plan-import-post",
        "post",
        "programmes:plan_import",
        lambda w: [],
        expect(LOGIN, 200, 200, 403, 403, 403, 403, 200),
    ),
    ("plan-detail", "get", "programmes:plan_detail", lambda w: [w.plan.pk], READ),
    (
        "plan-detail-other-province",
        "get",
        "programmes:plan_detail",
        lambda w: [w.other_plan.pk],
        expect(LOGIN, 200, 404, 404, 404, 404, 404, 200),
    ),
    ("plan-edit", "get", "programmes:plan_edit", lambda w: [w.plan.pk], EDIT),
    ("plan-status-get", "get", "programmes:plan_status", lambda w: [w.plan.pk], expect(LOGIN, *[405] * 7)),
    ("plan-status", "post", "programmes:plan_status", lambda w: [w.plan.pk], EDIT_POST),
    ("plan-history", "get", "programmes:plan_history", lambda w: [w.plan.pk], READ),
    ("plan-scan-none", "get", "programmes:plan_scan", lambda w: [w.plan.pk], expect(LOGIN, *[404] * 7)),
    ("plan-derive", "get", "programmes:plan_derive", lambda w: [w.plan.pk], EDIT),
    ("commitments", "get", "programmes:commitments", lambda w: [w.plan.pk], EDIT),
    ("section-create", "post", "programmes:section_create", lambda w: [w.plan.pk], EDIT),
    ("section-edit", "get", "programmes:section_edit", lambda w: [w.plan.pk, w.section.pk], EDIT),
    ("section-delete", "post", "programmes:section_delete", lambda w: [w.plan.pk, w.section.pk], EDIT_POST),
    ("section-move", "post", "programmes:section_move", lambda w: [w.plan.pk, w.section.pk], EDIT_POST),
    ("commitment-create", "get", "programmes:commitment_create", lambda w: [w.plan.pk], EDIT),
    ("commitment-row", "get", "programmes:commitment_row", lambda w: [w.plan.pk, w.commitment.pk], EDIT),
    ("commitment-edit", "get", "programmes:commitment_edit", lambda w: [w.plan.pk, w.commitment.pk], EDIT),
    (
        "commitment-delete",
        "post",
        "programmes:commitment_delete",
        lambda w: [w.plan.pk, w.commitment.pk],
        EDIT_POST,
    ),
    ("commitment-move", "post", "programmes:commitment_move", lambda w: [w.plan.pk, w.commitment.pk], EDIT_POST),
    (
        "commitment-withdraw",
        "post",
        "programmes:commitment_withdraw",
        lambda w: [w.plan.pk, w.commitment.pk],
        EDIT_POST,
    ),
    (
        "commitment-withdraw-get",
        "get",
        "programmes:commitment_withdraw",
        lambda w: [w.plan.pk, w.commitment.pk],
        expect(LOGIN, *[405] * 7),
    ),
    ("indicator-withdraw", "post", "programmes:indicator_withdraw", lambda w: [w.plan.pk, w.indicator.pk], EDIT_POST),
    (
        "indicator-of-other-plan-withdraw",
        "post",
        "programmes:indicator_withdraw",
        lambda w: [w.plan.pk, w.other_indicator.pk],
        expect(LOGIN, 404, 404, 403, 403, 403, 403, 404),
    ),
    (
        "commitment-of-other-plan",
        "get",
        "programmes:commitment_edit",
        lambda w: [w.plan.pk, w.other_commitment.pk],
        expect(LOGIN, 404, 404, 403, 403, 403, 403, 404),
    ),
]
# Reports: ``report`` is commune A's submitted report for the first half of 2026.
READ_REPORT = expect(LOGIN, 200, 200, 200, 200, 200, 404, 404)
REVIEW_POST = expect(LOGIN, 302, 403, 302, 403, 403, 404, 404)
FOLLOW = expect(LOGIN, 200, 200, 200, 200, 403, 403, 404)
CASES += [
    ("my-reports", "get", "reports:my_reports", lambda w: [], expect(LOGIN, 200, 403, 403, 403, 200, 200, 403)),
    ("review-queue", "get", "reports:review_queue", lambda w: [], expect(LOGIN, 200, 403, 200, 403, 403, 403, 403)),
    # Nothing ticked: reviewers go back to the queue; a report ticked outside one's scope is a 404 (test_review_queue).
    ("review-accept", "post", "reports:review_accept", lambda w: [], expect(LOGIN, 302, 403, 302, 403, 403, 403, 403)),
    ("review-accept-get", "get", "reports:review_accept", lambda w: [], expect(LOGIN, *[405] * 7)),
    (
        "report-start",
        "post",
        "reports:report_start",
        lambda w: [w.h1.pk, w.unit_a.pk],
        expect(LOGIN, 403, 403, 403, 403, 302, 404, 404),
    ),
    ("report-detail", "get", "reports:report_detail", lambda w: [w.report.pk], READ_REPORT),
    (
        "report-edit",
        "get",
        "reports:report_edit",
        lambda w: [w.report.pk],
        expect(LOGIN, 403, 403, 403, 403, 302, 404, 404),
    ),
    (
        # Sending a draft kept offline; the unit's own submitted report is refused with 409.
        "report-draft",
        "post",
        "reports:report_draft",
        lambda w: [w.report.pk],
        expect(LOGIN, 403, 403, 403, 403, 409, 404, 404),
    ),
    (
        "report-submit",
        "get",
        "reports:report_submit",
        lambda w: [w.report.pk],
        expect(LOGIN, 403, 403, 403, 403, 302, 404, 404),
    ),
    (
        "attachment-add",
        "post",
        "reports:attachment_add",
        lambda w: [w.report.pk],
        expect(LOGIN, 403, 403, 403, 403, 302, 404, 404),
    ),
    (
        "attachment-download",
        "get",
        "reports:attachment_download",
        lambda w: [w.report.pk, w.attachment.pk],
        READ_REPORT,
    ),
    (
        "attachment-remove",
        "post",
        "reports:attachment_remove",
        lambda w: [w.report.pk, w.attachment.pk],
        expect(LOGIN, 403, 403, 403, 403, 302, 404, 404),
    ),
    (
        "attachment-remove-get",
        "get",
        "reports:attachment_remove",
        lambda w: [w.report.pk, w.attachment.pk],
        expect(LOGIN, *[405] * 7),
    ),
    ("report-return", "post", "reports:report_return", lambda w: [w.report.pk], REVIEW_POST),
    ("report-accept", "post", "reports:report_accept", lambda w: [w.report.pk], REVIEW_POST),
    (
        "report-accept-confirm",
        "get",
        "reports:report_accept",
        lambda w: [w.report.pk],
        expect(LOGIN, 200, 403, 200, 403, 403, 404, 404),
    ),
    ("report-docx", "get", "reports:report_docx", lambda w: [w.report.pk], READ_REPORT),
    ("report-xlsx", "get", "reports:report_xlsx", lambda w: [w.report.pk], READ_REPORT),
    ("proposal-answer", "post", "reports:proposal_answer", lambda w: [w.proposal.pk], REVIEW_POST),
    (
        "plan-open-reporting",
        "post",
        "reports:plan_open_reporting",
        lambda w: [w.plan.pk],
        expect(LOGIN, 302, 302, 403, 403, 403, 403, 404),
    ),
    ("period-detail", "get", "reports:period_detail", lambda w: [w.plan.pk, w.h1.pk], FOLLOW),
    ("plan-reporting", "get", "reports:plan_reporting", lambda w: [w.plan.pk], EDIT),
    ("period-docx", "get", "reports:period_docx", lambda w: [w.plan.pk, w.h1.pk], FOLLOW),
    ("period-xlsx", "get", "reports:period_xlsx", lambda w: [w.plan.pk, w.h1.pk], FOLLOW),
    ("conference-minutes-docx", "get", "conferences:minutes_docx", lambda w: [w.conference.pk], FOLLOW),
    ("conference-notice-docx", "get", "conferences:notice_docx", lambda w: [w.conference.pk], FOLLOW),
    (
        "report-reopen",
        "post",
        "reports:report_reopen",
        lambda w: [w.plan.pk, w.h1.pk, w.unit_a.pk],
        expect(LOGIN, 302, 403, 302, 403, 403, 403, 404),
    ),
]
for model in ["area", "organisation", "membership", "user", "plan", "commitment"]:
    CASES += [
        (
            f"admin-{model}-list",
            "get",
            f"admin:programmes_{model}_changelist",
            lambda w: [],
            expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
        ),
        (
            f"admin-{model}-add",
            "get",
            f"admin:programmes_{model}_add",
            lambda w: [],
            expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
        ),
    ]
# Dashboards: for province staff of any area (their own area's figures), not for reporters.
STAFF = expect(LOGIN, 200, 200, 200, 200, 403, 403, 200)
CASES += [
    ("dashboard", "get", "reports:dashboard", lambda w: [], STAFF),
    ("dashboard-xlsx", "get", "reports:dashboard_xlsx", lambda w: [], STAFF),
    ("report-list", "get", "reports:report_list", lambda w: [], STAFF),
]

# Notifications: ``notification`` belongs to the reporter of commune A.
CASES += [
    ("notifications", "get", "tasks:notifications", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("notifications-read-all", "post", "tasks:notifications_read_all", lambda w: [], expect(LOGIN, *[302] * 7)),
    (
        "notification-open",
        "post",
        "tasks:notification_open",
        lambda w: [w.notification.pk],
        expect(LOGIN, 404, 404, 404, 404, 302, 404, 404),
    ),
    ("reminder-settings", "get", "tasks:preferences", lambda w: [], expect(LOGIN, *[200] * 7)),
]
ADMIN_LISTS = [("reports", m) for m in ["reportingschedule", "reportingperiod", "reportingunit", "progressreport"]]
ADMIN_LISTS += [("tasks", m) for m in ["remindersettings", "reminder", "notification", "reminderoptout"]]
for app_label, model in ADMIN_LISTS:
    CASES.append(
        (
            f"admin-{model}-list",
            "get",
            f"admin:{app_label}_{model}_changelist",
            lambda w: [],
            expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
        )
    )
CASES += [
    (
        "admin-organisation-change",
        "get",
        "admin:programmes_organisation_change",
        lambda w: [w.unit_a.pk],
        expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
    ),
    (
        "admin-area-change",
        "get",
        "admin:programmes_area_change",
        lambda w: [w.commune_a.pk],
        expect(ADMIN_LOGIN, 200, *[ADMIN_LOGIN] * 6),
    ),
]


# Pupil lists: drawn up by province P's department for its association. Names are for the staff
# of the two parties alone: a superuser, another unit and another province get 404.
LIST_READ_DRAFT = expect(LOGIN, 404, 200, 404, 200, 404, 404, 404)  # the receiver reads it once sent
LIST_READ_SENT = expect(LOGIN, 404, 200, 200, 200, 404, 404, 404)
LIST_DRAW = expect(LOGIN, 404, 200, 404, 403, 404, 404, 404)
CASES += [
    ("list-index", "get", "awards:list_index", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("list-create", "get", "awards:list_create", lambda w: [], expect(LOGIN, 403, 200, 200, 403, 200, 200, 200)),
    ("list-template", "get", "awards:template_download", lambda w: [], expect(LOGIN, *[200] * 7)),
    # Each reads the pupils its own units proposed, if any.
    ("list-proposed", "get", "awards:proposed_entries", lambda w: [], expect(LOGIN, *[200] * 7)),
    # Removing a past school year's names: an administrator's (here only the superuser is one).
    ("list-anonymise", "get", "awards:anonymise", lambda w: [], expect(LOGIN, 200, *[403] * 6)),
    ("list-anonymise-post", "post", "awards:anonymise", lambda w: [], expect(LOGIN, 200, *[403] * 6)),
    ("list-detail-draft", "get", "awards:list_detail", lambda w: [w.draft_list.pk], LIST_READ_DRAFT),
    ("list-detail-sent", "get", "awards:list_detail", lambda w: [w.sent_list.pk], LIST_READ_SENT),
    ("list-download", "get", "awards:list_download", lambda w: [w.sent_list.pk], LIST_READ_SENT),
    ("list-upload", "get", "awards:list_upload", lambda w: [w.draft_list.pk], LIST_DRAW),
    ("list-entry-create", "get", "awards:entry_create", lambda w: [w.draft_list.pk], LIST_DRAW),
    ("list-entry-edit", "get", "awards:entry_edit", lambda w: [w.draft_list.pk, w.draft_entry.pk], LIST_DRAW),
    (
        "list-entry-delete",
        "post",
        "awards:entry_delete",
        lambda w: [w.draft_list.pk, w.draft_entry.pk],
        expect(LOGIN, 404, 302, 404, 403, 404, 404, 404),
    ),
    (
        "list-send",
        "post",
        "awards:list_send",
        lambda w: [w.draft_list.pk],
        expect(LOGIN, 404, 302, 404, 403, *[404] * 3),
    ),
    (
        "list-agree",
        "post",
        "awards:list_agree",
        lambda w: [w.sent_list.pk],
        expect(LOGIN, 404, 403, 302, 403, 404, 404, 404),
    ),
    (
        "list-entry-decision",
        "get",
        "awards:entry_decide",
        lambda w: [w.sent_list.pk, w.sent_entry.pk],
        expect(LOGIN, 404, 403, 200, 403, 404, 404, 404),
    ),
    (
        "list-return-without-reason",
        "post",
        "awards:list_return",
        lambda w: [w.sent_list.pk],
        expect(LOGIN, 404, 403, 400, 403, 404, 404, 404),
    ),
]

# Plan feeds: read by the staff of the plan's parties (department, association: editor, reviewer,
# leader) and of the units that report on it (communes A and B); posted in by a party's editors,
# reviewers and administrators. Anyone else, another province included, gets 404.
FEED_READ = expect(LOGIN, 200, 200, 200, 200, 200, 200, 404)
CASES += [
    ("feed-entries", "get", "feed:entries", lambda w: [w.plan.pk], FEED_READ),
    (
        "feed-entries-other-province",
        "get",
        "feed:entries",
        lambda w: [w.other_plan.pk],
        expect(LOGIN, 200, 404, 404, 404, 404, 404, 200),
    ),
    # Nothing typed: the page comes back with the form's errors, for those who post.
    ("feed-post", "post", "feed:post", lambda w: [w.plan.pk], expect(LOGIN, 403, 200, 200, 403, 403, 403, 404)),
    ("feed-post-get", "get", "feed:post", lambda w: [w.plan.pk], expect(LOGIN, *[405] * 7)),
    ("feed-attachment", "get", "feed:attachment", lambda w: [w.plan.pk, w.feed_attachment.pk], FEED_READ),
    (
        "feed-attachment-other-plan",
        "get",
        "feed:attachment",
        lambda w: [w.other_plan.pk, w.feed_attachment.pk],
        expect(LOGIN, 404, 404, 404, 404, 404, 404, 404),
    ),
    ("feed-settings", "get", "feed:settings", lambda w: [], expect(LOGIN, *[200] * 7)),
    ("feed-settings-post", "post", "feed:settings", lambda w: [], expect(LOGIN, *[302] * 7)),
]


def feed_entry(world, plan):
    """A notice of the department in the plan's feed, with a file."""
    entry = Entry.objects.create(plan=plan, kind="notice", party=world.department, title="Lịch họp sơ kết")
    attachment = EntryAttachment.objects.create(
        entry=entry,
        file=ContentFile(b"%PDF-1.4\n%%EOF", name="lich-hop.pdf"),
        name="lich-hop.pdf",
        size=14,
        content_type="application/pdf",
    )
    return {"feed_attachment": attachment}


# Review conferences of province P's plan: its editors change them; whoever follows the plan reads
# them; a commune's reporter sees the plan but does not follow it (403); another province, 404.
CONFERENCE_CHANGE = expect(LOGIN, 200, 200, 403, 403, 403, 403, 404)
CONFERENCE_CHANGE_POST = expect(LOGIN, 302, 302, 403, 403, 403, 403, 404)
CASES += [
    ("conference-edit", "get", "conferences:edit", lambda w: [w.plan.pk, w.h1.pk], CONFERENCE_CHANGE),
    ("conference-edit-post", "post", "conferences:edit", lambda w: [w.plan.pk, w.h1.pk], CONFERENCE_CHANGE),
    ("conference-successor", "get", "conferences:successor", lambda w: [w.plan.pk], CONFERENCE_CHANGE),
    ("conference-successor-post", "post", "conferences:successor", lambda w: [w.plan.pk], CONFERENCE_CHANGE),
    (
        "conference-detail",
        "get",
        "conferences:detail",
        lambda w: [w.conference.pk],
        expect(LOGIN, 200, 200, 200, 200, 403, 403, 404),
    ),
    ("conclusion-create", "get", "conferences:conclusion_create", lambda w: [w.conference.pk], CONFERENCE_CHANGE),
    (
        "conclusion-edit",
        "get",
        "conferences:conclusion_edit",
        lambda w: [w.conference.pk, w.conclusion.pk],
        CONFERENCE_CHANGE,
    ),
    (
        "conclusion-delete",
        "post",
        "conferences:conclusion_delete",
        lambda w: [w.conference.pk, w.conclusion.pk],
        CONFERENCE_CHANGE_POST,
    ),
    (
        "conclusion-close",
        "post",
        "conferences:conclusion_close",
        lambda w: [w.conference.pk, w.conclusion.pk],
        CONFERENCE_CHANGE_POST,
    ),
    ("conclusions-adopt", "post", "conferences:adopt", lambda w: [w.conference.pk], CONFERENCE_CHANGE_POST),
    (
        "conference-carry-over",
        "post",
        "conferences:carry_over",
        lambda w: [w.conference.pk, w.commitment.pk],
        CONFERENCE_CHANGE_POST,
    ),
]


# Public pages: province P publishes (no account needed); the settings are its administrator's
# (here only the superuser is one; anyone else is 403, or 404 for a province not theirs).
CASES += [
    ("public-index", "get", "public:index", lambda w: [], expect(*[200] * 8)),
    ("public-province", "get", "public:province", lambda w: [w.province.code], expect(*[200] * 8)),
    ("public-json", "get", "public:province_json", lambda w: [w.province.code], expect(*[200] * 8)),
    ("public-csv", "get", "public:province_csv", lambda w: [w.province.code], expect(*[200] * 8)),
    (
        "public-unpublished",
        "get",
        "public:province",
        lambda w: [w.other_province.code],
        expect(*[404] * 8),
    ),
    ("public-settings", "get", "public:settings", lambda w: [], expect(LOGIN, 200, *[403] * 6)),
    (
        "public-settings-save",
        "post",
        "public:settings_save",
        lambda w: [w.province.pk],
        expect(LOGIN, 400, *[404] * 6),
    ),
]


def pupil_lists(world, plan):
    """A draft list and a sent one, from the department to the association, a pupil on each."""
    made = {}
    for status in ("draft", "sent"):
        pupil_list = make_pupil_list(plan, world.department, world.association, status=status)
        made[f"{status}_list"], made[f"{status}_entry"] = pupil_list, add_pupil(pupil_list)
    return made


def build_matrix_world():
    """The objects the cases name, and a user for each persona (None for anonymous)."""
    world = build_world()
    plan = build_reporting_plan(build_plan(world))
    h1 = plan.periods.get(year=2026, half="H1")
    with time_machine.travel(IN_H1, tick=False):
        other_plan = build_other_plan(world)
        users = {name: None if name == "anonymous" else make_persona(name, world) for name in PERSONAS}
        objects = SimpleNamespace(
            **vars(world),
            plan=plan,
            other_plan=other_plan,
            section=plan.sections.get(),
            commitment=plan.commitments.get(number="2"),
            other_commitment=make_commitment(other_plan, "1"),
            indicator=plan.commitments.get(number="2").indicators.first(),
            other_indicator=Indicator.objects.create(
                commitment=make_commitment(other_plan, "9"), name="Khác", unit="units", target_value=1
            ),
            h1=h1,
            **submitted_report(world, h1),
            **pupil_lists(world, plan),
            publication=Publication.objects.create(area=world.province, published=True),
            **dict(zip(("conference", "conclusion"), make_conference(h1, world.association), strict=True)),
            **feed_entry(world, plan),
            notification=Notification.objects.create(
                user=users["reporter_a"], title="Sắp đến hạn báo cáo", link="/reports/mine/"
            ),
        )
    return SimpleNamespace(objects=objects, users=users)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The world of every case, built once: building it for each of the ~800 cases was half the
    suite's time. It is rolled back when the module ends; the cases see it through ``db``, whose
    savepoint undoes what each case writes."""
    yield from built_once(django_db_blocker, build_matrix_world)


@pytest.fixture(autouse=True)
def _fresh_default_cache():
    """The objects keep their ids from case to case, so no case may read a page another one cached."""
    caches["default"].clear()


@pytest.mark.parametrize("persona_name", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_url_answers_each_persona_as_expected(matrix, db, client, in_h1, persona_name, case):
    _case_id, method, url_name, build_args, expected = case
    user = matrix.users[persona_name]
    if user is not None:
        client.force_login(user)
    url = reverse(url_name, args=build_args(matrix.objects))
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
    # Every answer carries the policy, and a signed-in page is never stored.
    assert "script-src 'self';" in response["Content-Security-Policy"]
    if user is not None and response.status_code == 200:
        assert "no-store" in response["Cache-Control"], url


def submitted_report(world, period):
    """Commune A's report for ``period``, submitted, with a proposal and an attachment."""
    report = ProgressReport.objects.create(
        plan=period.plan, period=period, organisation=world.unit_a, status="submitted", submitted_at=timezone.now()
    )
    proposal = Proposal.objects.create(report=report, text="Đề nghị hỗ trợ kinh phí")
    attachment = Attachment.objects.create(
        report=report, file=ContentFile(b"%PDF-1.4\n%%EOF", name="minh-chung.pdf"), name="minh-chung.pdf"
    )
    return {"report": report, "proposal": proposal, "attachment": attachment}


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


def test_no_case_leaves_a_trace_in_the_shared_world(matrix, db):
    """The cases that write (return, accept, withdraw, delete, read) undo it, so the order of the
    cases cannot change their answers. Run after them, this sees the world as it was built."""
    objects = matrix.objects
    report = ProgressReport.objects.get(pk=objects.report.pk)
    assert report.status == "submitted"
    assert report.attachments.get().pk == objects.attachment.pk
    assert objects.attachment.file.storage.exists(objects.attachment.file.name)
    assert Proposal.objects.get(pk=objects.proposal.pk).answer == objects.proposal.answer
    plan = Plan.objects.get(pk=objects.plan.pk)
    assert plan.status == "in_force"
    assert list(plan.sections.values_list("pk", flat=True)) == [objects.section.pk]
    assert plan.commitments.filter(withdrawn_on__isnull=True).count() == 3
    assert Indicator.objects.filter(pk=objects.indicator.pk, withdrawn_on__isnull=True).exists()
    assert Notification.objects.get(pk=objects.notification.pk).read_at is None
