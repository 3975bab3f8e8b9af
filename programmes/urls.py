from django.urls import path

from .views import commitments, organisations, plans

app_name = "programmes"

urlpatterns = [
    path("units/", organisations.organisation_list, name="organisation_list"),
    path("units/mine/", organisations.my_organisation, name="my_organisation"),
    path("units/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/import/", plans.plan_import, name="plan_import"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/status/", plans.plan_status, name="plan_status"),
    path("plans/<int:pk>/history/", plans.plan_history, name="plan_history"),
    path("plans/<int:pk>/scan/", plans.plan_scan, name="plan_scan"),
    path("plans/<int:pk>/derive/", plans.plan_derive, name="plan_derive"),
    path("plans/<int:pk>/commitments/", commitments.commitments_editor, name="commitments"),
    path("plans/<int:pk>/sections/new/", commitments.section_create, name="section_create"),
    path("plans/<int:pk>/sections/<int:section_pk>/edit/", commitments.section_edit, name="section_edit"),
    path("plans/<int:pk>/sections/<int:section_pk>/delete/", commitments.section_delete, name="section_delete"),
    path("plans/<int:pk>/sections/<int:section_pk>/move/", commitments.section_move, name="section_move"),
    path("plans/<int:pk>/commitments/new/", commitments.commitment_create, name="commitment_create"),
    path("plans/<int:pk>/commitments/<int:commitment_pk>/", commitments.commitment_row, name="commitment_row"),
    path("plans/<int:pk>/commitments/<int:commitment_pk>/edit/", commitments.commitment_edit, name="commitment_edit"),
    path(
        "plans/<int:pk>/commitments/<int:commitment_pk>/delete/",
        commitments.commitment_delete,
        name="commitment_delete",
    ),
    path("plans/<int:pk>/commitments/<int:commitment_pk>/move/", commitments.commitment_move, name="commitment_move"),
    path(
        "plans/<int:pk>/commitments/<int:commitment_pk>/withdraw/",
        commitments.commitment_withdraw,
        name="commitment_withdraw",
    ),
    path(
        "plans/<int:pk>/indicators/<int:indicator_pk>/withdraw/",
        commitments.indicator_withdraw,
        name="indicator_withdraw",
    ),
]
