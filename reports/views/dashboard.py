"""The leadership dashboard and the report list its figures click through to."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from khuyenhoc.db_router import replica_reads
from khuyenhoc.pagination import CountingPaginator
from programmes import access, party_roles
from programmes.models import Commitment

from .. import dashboard as dashboards
from ..exports.dashboard_xlsx import dashboard_xlsx
from ..forms import DashboardFilterForm, ReportListForm
from ..links import report_link
from ..models import CommitmentProgress, half_year_label
from ..selectors import report_list
from .review import XLSX, download

# What a cell of the unit grid says for a report's state ("late": sent after the due date).
GRID_LABELS = {
    "late": gettext_lazy("late"),
    "accepted": gettext_lazy("Accepted"),
    "submitted": gettext_lazy("Submitted"),
    "returned": gettext_lazy("Returned"),
    "draft": pgettext_lazy("report", "Draft"),
}


def _require_staff(user) -> None:
    if not access.has_role(user, *access.AREA_WIDE_ROLES):
        raise PermissionDenied


def _filters(form) -> dashboards.Filters:
    data = form.cleaned_data if form.is_valid() else {}
    return dashboards.Filters(
        plan_id=data["plan"].pk if data.get("plan") else None,
        year=data.get("year"),
        half=data.get("half") or None,
        kind=data.get("kind") or None,
        area_id=data["area"].pk if data.get("area") else None,
    )


def _grid_cell(cell: tuple[str, int | None] | None, link: str) -> dict | None:
    """A cell of the unit grid, ready to print. A page has up to 150: an include and a URL
    reversed per cell were most of the page's time, so the label is looked up here and every
    report's link is ``link`` (the report page's URL without its id) and the id."""
    if cell is None:
        return None
    state, pk = cell
    return {"state": state, "label": GRID_LABELS.get(state, state), "href": f"{link}{pk}/" if pk else None}


@login_required
@replica_reads()
def dashboard(request):
    _require_staff(request.user)
    form = DashboardFilterForm(request.GET or None, user=request.user)
    filters = _filters(form)
    board = dashboards.dashboard_for(request.user, filters)
    units = dashboards.scoped_units(request.user, filters)
    page = CountingPaginator(units, 25).get_page(request.GET.get("page"))
    grid = dashboards.unit_grid(request.user, filters, board.grid_periods, list(page))
    link = report_link()
    rows = [
        {
            "unit": unit,
            "cells": [
                _grid_cell(grid.get((unit.organisation_id, unit.plan_id), {}).get(p), link) for p in board.grid_periods
            ],
        }
        for unit in page
    ]
    statuses = CommitmentProgress.Status.choices
    scores = {score["party"]: score for score in board.scores}
    # For one plan, each role is named as its parties signed; over many, by what the role is.
    plan = form.cleaned_data.get("plan") if form.is_valid() else None
    names = party_roles.parties(plan).role_names() if plan else {}
    commitment_rows = [
        (
            party,
            names.get(party) or label,
            [(code, board.commitments.get(party, {}).get(code, 0)) for code, _label in statuses],
            scores[party],
        )
        for party, label in Commitment.Party.choices
        if party in board.commitments
    ]
    trend_json = {
        "labels": [half_year_label(row["year"], row["half"]) for row in board.trend],
        "on_time": [row["on_time"] for row in board.trend],
        "late": [row["late"] for row in board.trend],
        "returned": [row["returned"] for row in board.trend],
        "missing": [row["missing"] for row in board.trend],
        "names": {
            "on_time": _("on time"),
            "late": _("late"),
            "returned": _("returned, being fixed"),
            "missing": _("missing"),
        },
    }
    query = request.GET.copy()
    for key in ("page", "year", "half"):
        query.pop(key, None)
    # The export gets the screen's filters and the half-year the screen shows, so the file says what the page says.
    export_query = query.copy()
    if board.year:
        export_query.update({"year": str(board.year), "half": board.half})
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "board": board,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "export_query": export_query.urlencode(),
            "statuses": statuses,
            "commitment_rows": commitment_rows,
            "trend_json": trend_json,
            "scope": form.scope(year=board.year, half=board.half),
        },
    )


@login_required
@replica_reads()
def dashboard_export(request):
    _require_staff(request.user)
    form = DashboardFilterForm(request.GET or None, user=request.user)
    board = dashboards.dashboard_for(request.user, _filters(form))
    name = f"bang-tong-hop-{board.year or ''}-{(board.half or '').lower()}.xlsx"
    return download(dashboard_xlsx(board), name, XLSX)


@login_required
@replica_reads()
def reports_list(request):
    """Reports (or missing units) behind a dashboard figure."""
    _require_staff(request.user)
    form = ReportListForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = report_list(request.user, **filters)
    page = CountingPaginator(rows, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "missing": filters.get("timing") == "missing", "report_link": report_link()}
    return render(request, "reports/report_list.html", context)
