"""A filed report is a record: what it refers to is withdrawn, never deleted.

Commune A files and the province accepts its report for the first half of 2026
(15/12/2025-14/06/2026). On 01/06/2026 the editor withdraws commitment 2 (with its two
indicators); the second half starts on 15/06/2026, after the withdrawal.
"""

import io
from datetime import date
from decimal import Decimal

import docx
import openpyxl
import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone

from conftest import make_commitment
from programmes.models import Commitment, Indicator
from programmes.services import plans as plan_services
from reports.exports.docx import consolidation_docx, report_docx
from reports.exports.xlsx import consolidation_xlsx, report_xlsx
from reports.models import CommitmentProgress, IndicatorValue, ProgressReport
from reports.services import workflow
from reports.services.consolidation import consolidate

HTMX = {"HTTP_HX_REQUEST": "true"}
CENTRES = "Củng cố trung tâm học tập cộng đồng"  # commitment 2, the association's
REASON = "Đã hoàn thành, gộp vào nội dung 1"


@pytest.fixture
def accepted(world, reporter_a, reviewer, h1):
    """Commune A's accepted report for H1 2026, with progress on commitments 1 and 2 and both figures."""
    with time_machine.travel(date(2026, 5, 20), tick=False):
        report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
        commitments = workflow.commitments_for(h1.plan, world.unit_a, h1)
        values = {
            i.pk: Decimal(v)
            for i, v in zip(Indicator.objects.filter(commitment__number="2").order_by("pk"), ["600000", "87"])
        }
        report = workflow.report_save(
            user=reporter_a,
            report=report,
            version=report.version,
            narrative={
                "results": "Đã tổ chức 3 buổi tuyên truyền",
                "shortcomings": "",
                "causes": "",
                "next_steps": "",
                "proposals_text": "",
            },
            progress=[workflow.ProgressData(c.pk, "done", f"Đã làm nội dung {c.number}") for c in commitments],
            values=values,
        )
        report = workflow.report_submit(user=reporter_a, report=report)
        return workflow.report_accept(user=reviewer, report=report)


def centres(plan) -> Commitment:
    return plan.commitments.get(number="2")


def withdraw(editor, plan, reason=REASON):
    with time_machine.travel(date(2026, 6, 1), tick=False):
        return plan_services.commitment_withdraw(user=editor, commitment=centres(plan), reason=reason)


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def xlsx_text(content: bytes) -> str:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None
    )


def test_deleting_a_reported_commitment_is_refused_and_the_accepted_consolidation_is_unchanged(editor, accepted, h1):
    before = consolidate(h1.plan, h1)
    with pytest.raises(plan_services.InUse):
        plan_services.commitment_delete(user=editor, commitment=centres(h1.plan))
    assert centres(h1.plan).progress.count() == 1
    assert IndicatorValue.objects.filter(report=accepted).count() == 2
    after = consolidate(h1.plan, h1)
    assert (after.totals, after.rows, after.scores) == (before.totals, before.rows, before.scores)
    assert [total.value for total in after.totals if total.value is not None]  # the figures are still counted


def test_the_database_protects_what_filed_reports_refer_to(accepted, h1):
    plan = h1.plan
    commitment = centres(plan)
    for delete in (
        commitment.delete,
        commitment.indicators.first().delete,
        commitment.section.delete,  # its commitments go with it
        h1.delete,
        plan.delete,
    ):
        with pytest.raises(ProtectedError):
            delete()
    assert CommitmentProgress.objects.filter(report=accepted).count() == 2


def test_a_commitment_nobody_reported_on_can_still_be_deleted(editor, accepted, h1):
    unreported = make_commitment(h1.plan, "4", "Tổng kết phong trào", party="association")
    Indicator.objects.create(commitment=unreported, name="Số hội nghị", unit="times", target_value=1)
    plan_services.commitment_delete(user=editor, commitment=unreported)
    assert not Commitment.objects.filter(pk=unreported.pk).exists()


def test_withdrawing_needs_a_reason_and_ends_the_indicators_too(editor, accepted, h1):
    with pytest.raises(ValidationError):
        withdraw(editor, h1.plan, reason="   ")
    commitment = withdraw(editor, h1.plan)
    assert (commitment.withdrawn_on, commitment.withdrawn_reason, commitment.withdrawn_by) == (
        date(2026, 6, 1),
        REASON,
        editor,
    )
    assert set(commitment.indicators.values_list("withdrawn_on", flat=True)) == {date(2026, 6, 1)}
    with pytest.raises(ValidationError):
        withdraw(editor, h1.plan)  # once only
    history = Commitment.history.filter(id=commitment.pk).order_by("history_id").last()
    assert history.withdrawn_reason == REASON and history.history_user == editor


def test_a_withdrawn_commitment_leaves_later_forms_but_stays_in_the_earlier_report_and_its_exports(
    client, world, editor, reporter_a, reviewer, accepted, h1
):
    withdraw(editor, h1.plan)
    h2 = h1.plan.periods.get(year=2026, half="H2")
    assert [c.number for c in workflow.commitments_for(h1.plan, world.unit_a, h2)] == ["1"]
    assert [c.number for c in workflow.commitments_for(h1.plan, world.unit_a, h1)] == ["1", "2"]

    with time_machine.travel(date(2026, 7, 1), tick=False):
        later = workflow.report_start(user=reporter_a, plan=h1.plan, period=h2, organisation=world.unit_a)
        client.force_login(reporter_a)
        form = client.get(reverse("reports:report_edit", args=[later.pk])).content.decode()
        assert "Đẩy mạnh công tác thông tin, tuyên truyền" in form
        assert CENTRES not in form and "Học bổng" not in form
        later = workflow.report_save(
            user=reporter_a,
            report=later,
            version=later.version,
            narrative={"results": "Tiếp tục"},
            progress=[workflow.ProgressData(h1.plan.commitments.get(number="1").pk, "in_progress", "")],
            values={},
        )
        # Everything the period asks for is given: the withdrawn commitment is not missing.
        assert workflow.report_submit(user=reporter_a, report=later).status == ProgressReport.Status.SUBMITTED

    client.force_login(reviewer)
    page = client.get(reverse("reports:report_detail", args=[accepted.pk])).content.decode()
    assert CENTRES in page and "Đã làm nội dung 2" in page and "Học bổng" in page
    assert CENTRES in docx_text(report_docx(accepted)) and "Đã làm nội dung 2" in docx_text(report_docx(accepted))
    assert "Học bổng" in xlsx_text(report_xlsx(accepted)) and CENTRES in xlsx_text(report_xlsx(accepted))
    consolidation = consolidate(h1.plan, h1)
    assert CENTRES in docx_text(consolidation_docx(consolidation))
    assert "2" in [row.commitment.number for row in consolidation.rows]
    # The next period's consolidation neither owes it nor counts its figures.
    later_rows = consolidate(h1.plan, h2)
    assert "2" not in [row.commitment.number for row in later_rows.rows]
    assert "Học bổng" not in [total.indicator.name for total in later_rows.totals]
    assert "Học bổng" in xlsx_text(consolidation_xlsx(consolidation, [accepted]))


def test_the_editor_withdraws_what_it_cannot_delete(client, editor, accepted, h1):
    plan = h1.plan
    commitment = centres(plan)
    client.force_login(editor)
    response = client.post(reverse("programmes:commitment_delete", args=[plan.pk, commitment.pk]))
    assert response.status_code == 302
    assert Commitment.objects.filter(pk=commitment.pk).exists()
    assert any("Withdraw" in str(m) or "Rút" in str(m) or "rút" in str(m) for m in get_messages(response.wsgi_request))

    url = reverse("programmes:commitment_withdraw", args=[plan.pk, commitment.pk])
    editor_page = client.get(reverse("programmes:commitments", args=[plan.pk])).content.decode()
    assert f'action="{url}"' in editor_page  # the row offers the withdrawal form
    client.post(url, {"reason": ""}, **HTMX)
    commitment.refresh_from_db()
    assert commitment.withdrawn_on is None
    response = client.post(url, {"reason": REASON}, **HTMX)  # today: after the plan was entered
    assert response.status_code == 200 and response["HX-Retarget"] == "#editor-body"
    shown = f"Đã rút ngày {timezone.localdate():%d/%m/%Y}: {REASON}"
    assert shown in response.content.decode()
    assert f'action="{url}"' not in response.content.decode()  # withdrawn once
    commitment.refresh_from_db()
    assert commitment.withdrawn_on == timezone.localdate() and commitment.withdrawn_by == editor

    detail = client.get(reverse("programmes:plan_detail", args=[plan.pk])).content.decode()
    assert shown in detail and CENTRES in detail
    assert REASON in client.get(reverse("programmes:plan_history", args=[plan.pk])).content.decode()


def test_without_javascript_the_withdrawal_goes_back_to_the_commitment(client, editor, accepted, h1):
    commitment = centres(h1.plan)
    client.force_login(editor)
    response = client.post(
        reverse("programmes:commitment_withdraw", args=[h1.plan.pk, commitment.pk]), {"reason": REASON}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#commitment-{commitment.pk}")
    commitment.refresh_from_db()
    assert commitment.withdrawn_reason == REASON


def test_an_indicator_with_figures_is_withdrawn_not_deleted_in_the_editor(client, editor, accepted, h1):
    plan = h1.plan
    commitment = centres(plan)
    scholarships, share = commitment.indicators.order_by("pk")
    prefix = f"c{commitment.pk}"
    data = {
        f"{prefix}-section": commitment.section_id,
        f"{prefix}-number": "2",
        f"{prefix}-text": CENTRES,
        f"{prefix}-party": "association",
        f"{prefix}-recurrence": "ongoing",
        f"{prefix}-indicators-TOTAL_FORMS": "2",
        f"{prefix}-indicators-INITIAL_FORMS": "2",
        f"{prefix}-indicators-MIN_NUM_FORMS": "0",
        f"{prefix}-indicators-MAX_NUM_FORMS": "20",
    }
    for index, indicator in enumerate([scholarships, share]):
        data.update(
            {
                f"{prefix}-indicators-{index}-id": indicator.pk,
                f"{prefix}-indicators-{index}-name": indicator.name,
                f"{prefix}-indicators-{index}-unit": indicator.unit,
                f"{prefix}-indicators-{index}-target_value": str(int(indicator.target_value)),
                f"{prefix}-indicators-{index}-direction": indicator.direction,
                f"{prefix}-indicators-{index}-aggregation": indicator.aggregation,
                f"{prefix}-indicators-{index}-ORDER": str(index + 1),
            }
        )
    data[f"{prefix}-indicators-0-DELETE"] = "on"
    client.force_login(editor)
    response = client.post(reverse("programmes:commitment_edit", args=[plan.pk, commitment.pk]), data, **HTMX)
    assert response.status_code == 200
    assert "Học bổng" in response.content.decode() and 'role="alert"' in response.content.decode()
    assert Indicator.objects.filter(pk=scholarships.pk).exists()

    with time_machine.travel(date(2026, 6, 1), tick=False):
        client.post(
            reverse("programmes:indicator_withdraw", args=[plan.pk, scholarships.pk]),
            {"reason": "Không còn học bổng"},
            **HTMX,
        )
    scholarships.refresh_from_db()
    share.refresh_from_db()
    assert scholarships.withdrawn_on == date(2026, 6, 1) and share.withdrawn_on is None
    h2 = plan.periods.get(year=2026, half="H2")
    later = workflow.commitments_for(plan, accepted.organisation, h2)
    assert [i.name for c in later for i in c.indicators.all()] == ["Tỷ lệ hội viên"]


def test_an_edit_made_on_an_older_copy_does_not_undo_a_withdrawal(editor, accepted, h1):
    stale = Commitment.objects.get(pk=centres(h1.plan).pk)
    withdraw(editor, h1.plan)
    stale.text = CENTRES + " và thư viện"
    plan_services.commitment_save(user=editor, commitment=stale)
    fresh = centres(h1.plan)
    assert fresh.text.endswith("thư viện") and fresh.withdrawn_reason == REASON


def test_a_derived_plan_does_not_carry_withdrawn_commitments(world, editor, accepted, h1):
    withdraw(editor, h1.plan)
    child = plan_services.plan_derive(
        user=editor, parent=h1.plan, area=world.commune_a, title="Kế hoạch của phường", parties=[]
    )
    assert CENTRES not in list(child.commitments.values_list("text", flat=True))
