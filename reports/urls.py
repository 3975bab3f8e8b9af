from django.urls import path

from .views import dashboard, filing, queue, review

app_name = "reports"

urlpatterns = [
    path("mine/", filing.my_reports, name="my_reports"),
    path("review/", queue.review_queue, name="review_queue"),
    path("review/accept/", queue.review_accept, name="review_accept"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/export.xlsx", dashboard.dashboard_export, name="dashboard_xlsx"),
    path("list/", dashboard.reports_list, name="report_list"),
    path("periods/<int:period_pk>/units/<int:organisation_pk>/start/", filing.report_start, name="report_start"),
    path("<int:pk>/", review.report_detail, name="report_detail"),
    path("<int:pk>/edit/", filing.report_edit, name="report_edit"),
    path("<int:pk>/draft/", filing.report_draft, name="report_draft"),
    path("<int:pk>/submit/", filing.report_submit, name="report_submit"),
    path("<int:pk>/attachments/", filing.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", filing.attachment_download, name="attachment_download"),
    path("<int:pk>/attachments/<int:attachment_pk>/remove/", filing.attachment_remove, name="attachment_remove"),
    path("<int:pk>/return/", review.report_return, name="report_return"),
    path("<int:pk>/accept/", review.report_accept, name="report_accept"),
    path("<int:pk>/export.docx", review.report_export, {"kind": "docx"}, name="report_docx"),
    path("<int:pk>/export.xlsx", review.report_export, {"kind": "xlsx"}, name="report_xlsx"),
    path("proposals/<int:pk>/answer/", review.proposal_answer, name="proposal_answer"),
    path("plans/<int:plan_pk>/open/", review.plan_open_reporting, name="plan_open_reporting"),
    path("plans/<int:plan_pk>/reporting/", review.plan_reporting, name="plan_reporting"),
    path("plans/<int:plan_pk>/periods/<int:period_pk>/", review.period_detail, name="period_detail"),
    path(
        "plans/<int:plan_pk>/periods/<int:period_pk>/reopen/<int:organisation_pk>/",
        review.report_reopen,
        name="report_reopen",
    ),
    path(
        "plans/<int:plan_pk>/periods/<int:period_pk>/export.docx",
        review.period_export,
        {"kind": "docx"},
        name="period_docx",
    ),
    path(
        "plans/<int:plan_pk>/periods/<int:period_pk>/export.xlsx",
        review.period_export,
        {"kind": "xlsx"},
        name="period_xlsx",
    ),
]
