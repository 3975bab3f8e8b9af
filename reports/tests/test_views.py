import io

import docx
import openpyxl
import pytest
from django.urls import reverse

from programmes.models import Indicator
from reports.models import ProgressReport
from reports.services import periods as period_services
from reports.services import workflow


@pytest.fixture
def draft(world, reporter_a, h1, in_h1):
    return workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)


def form_data(report, **overrides):
    money = Indicator.objects.get(name="Học bổng")
    share = Indicator.objects.get(name="Tỷ lệ hội viên")
    data = {
        "version": report.version,
        "results": "Tổ chức 3 hội nghị tuyên truyền",
        "shortcomings": "Kinh phí còn hạn chế",
        "causes": "",
        "next_steps": "",
        "proposals_text": "Đề nghị hỗ trợ kinh phí",
        f"value_{money.pk}": "32.000",
        f"value_{share.pk}": "98,5",
    }
    for commitment in workflow.commitments_for(report.plan, report.organisation):
        data[f"status_{commitment.pk}"] = "done"
        data[f"note_{commitment.pk}"] = "Đã thực hiện"
    data.update(overrides)
    return data


def test_my_reports_lists_what_the_unit_owes(client, reporter_a, h1, in_h1):
    client.force_login(reporter_a)
    page = client.get(reverse("reports:my_reports")).content.decode()
    assert "6 tháng đầu năm 2026" in page and "Lập báo cáo" in page
    assert "6 tháng cuối năm 2026" not in page  # not started yet


def test_save_a_draft_with_vietnamese_figures(client, reporter_a, draft, in_h1):
    client.force_login(reporter_a)
    response = client.post(reverse("reports:report_edit", args=[draft.pk]), form_data(draft, save="1"))
    assert response.status_code == 302
    values = {v.indicator.name: v.value for v in draft.values.select_related("indicator")}
    assert values == {"Học bổng": 32000, "Tỷ lệ hội viên": pytest.approx(98.5)}


@pytest.mark.parametrize(
    "indicator, typed, message",
    [
        ("Tỷ lệ hội viên", "120", "Tỷ lệ phần trăm phải từ 0 đến 100."),
        ("Học bổng", "-5", "Số liệu không được âm."),
        ("Học bổng", "nhiều", "Nhập một số"),
    ],
)
def test_bad_figures_are_refused_beside_the_field_and_the_text_is_kept(
    client, reporter_a, draft, in_h1, indicator, typed, message
):
    field = f"value_{Indicator.objects.get(name=indicator).pk}"
    client.force_login(reporter_a)
    response = client.post(reverse("reports:report_edit", args=[draft.pk]), form_data(draft, **{field: typed}))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'id="error_1_id_{field}"' in page
    assert "Tổ chức 3 hội nghị tuyên truyền" in page
    draft.refresh_from_db()
    assert draft.results == ""


def test_a_stale_save_is_refused_with_a_clear_message_and_nothing_lost(client, reporter_a, draft, in_h1):
    client.force_login(reporter_a)
    url = reverse("reports:report_edit", args=[draft.pk])
    client.post(url, form_data(draft, results="Bản thứ nhất"))
    response = client.post(url, form_data(draft, results="Bản thứ hai, gõ cùng lúc"))  # the old version
    page = response.content.decode()
    assert "Người khác đã lưu báo cáo này trong khi bạn đang sửa." in page
    assert "Bản thứ hai, gõ cùng lúc" in page
    draft.refresh_from_db()
    assert draft.results == "Bản thứ nhất"


def test_submit_goes_through_a_confirmation_and_then_the_report_is_read_only(client, reporter_a, draft, in_h1):
    client.force_login(reporter_a)
    response = client.post(reverse("reports:report_edit", args=[draft.pk]), form_data(draft, submit="1"))
    assert response["Location"] == reverse("reports:report_submit", args=[draft.pk])
    assert "Gửi lên cấp tỉnh" in client.get(response["Location"]).content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"  # nothing sent before the confirmation
    client.post(reverse("reports:report_submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "submitted"
    edit = client.get(reverse("reports:report_edit", args=[draft.pk]))
    assert edit["Location"] == reverse("reports:report_detail", args=[draft.pk])
    before = draft.results
    client.post(reverse("reports:report_edit", args=[draft.pk]), form_data(draft, results="Sửa lén"))
    draft.refresh_from_db()
    assert draft.results == before


def test_the_reviewer_returns_with_a_comment_that_the_unit_sees(client, reporter_a, reviewer, draft, in_h1):
    client.force_login(reporter_a)
    client.post(reverse("reports:report_edit", args=[draft.pk]), form_data(draft))
    client.post(reverse("reports:report_submit", args=[draft.pk]))
    client.force_login(reviewer)
    queue = client.get(reverse("reports:review_queue")).content.decode()
    assert "Hội Khuyến học phường Hòa Bình" in queue
    page = client.get(reverse("reports:report_detail", args=[draft.pk])).content.decode()
    assert "kỳ trước" in page and "ít nhất 85" in page  # figures beside the previous period and the target
    client.post(reverse("reports:report_return", args=[draft.pk]), {"comment": "Bổ sung minh chứng học bổng"})
    client.force_login(reporter_a)
    mine = client.get(reverse("reports:my_reports")).content.decode()
    assert "Bổ sung minh chứng học bổng" in mine and "Sửa và gửi lại" in mine


def test_returning_without_a_comment_is_refused(client, reporter_a, reviewer, draft, in_h1):
    workflow.report_save(
        user=reporter_a,
        report=draft,
        version=draft.version,
        narrative={},
        progress=[
            workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(draft.plan, draft.organisation)
        ],
        values={},
    )
    workflow.report_submit(user=reporter_a, report=draft)
    client.force_login(reviewer)
    response = client.post(reverse("reports:report_return", args=[draft.pk]), {"comment": ""}, follow=True)
    assert "Hãy nêu nội dung đơn vị cần sửa." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_evidence_must_be_a_document_by_its_content(client, reporter_a, draft, in_h1):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reporter_a)
    url = reverse("reports:attachment_add", args=[draft.pk])
    response = client.post(url, {"file": SimpleUploadedFile("anh.jpg", b"MZ\x90 not an image")}, follow=True)
    assert "Hãy đính kèm tệp PDF, ảnh hoặc tài liệu Word, Excel, PowerPoint." in response.content.decode()
    client.post(url, {"file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n%%EOF")})
    assert draft.attachments.get().name == "bien-ban.pdf"


def test_the_period_page_shows_who_is_late_and_missing(client, world, reviewer, reporter_a, h1):
    from datetime import date

    import time_machine

    with time_machine.travel(date(2026, 6, 1), tick=False):
        report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
        workflow.report_save(
            user=reporter_a,
            report=report,
            version=report.version,
            narrative={},
            progress=[workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(h1.plan, world.unit_a)],
            values={},
        )
    with time_machine.travel(date(2026, 6, 25), tick=False):  # after the due date, before the lock
        workflow.report_submit(user=reporter_a, report=ProgressReport.objects.get(pk=report.pk))
        client.force_login(reviewer)
        page = client.get(reverse("reports:period_detail", args=[h1.plan.pk, h1.pk])).content.decode()
    assert "Tổng hợp từ 1 báo cáo đã nhận trên 4 đơn vị phải báo cáo: 0 đã duyệt, 1 chờ thẩm định." in page
    assert "Chưa tính: 0 báo cáo bị trả lại để sửa, 3 đơn vị chưa nộp." in page
    assert page.count("chưa gửi") == 3
    assert ">muộn<" in page


def test_consolidated_exports_download_as_word_and_excel(client, world, reviewer, reporter_a, draft, in_h1):
    client.force_login(reporter_a)
    client.post(reverse("reports:report_edit", args=[draft.pk]), form_data(draft))
    client.post(reverse("reports:report_submit", args=[draft.pk]))
    client.force_login(reviewer)
    response = client.get(reverse("reports:period_docx", args=[draft.plan.pk, draft.period.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert 'filename="bao-cao-so-ket-2026-h1-' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:period_xlsx", args=[draft.plan.pk, draft.period.pk])).content)
    )
    rows = list(workbook["Chỉ tiêu"].iter_rows(values_only=True))
    assert any(row[0] == world.unit_a.name and row[-1] == 32000 for row in rows)


def test_an_editor_changes_a_plans_dates_and_reporting_units(client, world, editor, reporting_plan):
    client.force_login(editor)
    url = reverse("reports:plan_reporting", args=[reporting_plan.pk])
    periods = list(reporting_plan.periods.order_by("year", "half"))
    data = {
        "periods-TOTAL_FORMS": "2",
        "periods-INITIAL_FORMS": "2",
        "periods-MIN_NUM_FORMS": "0",
        "periods-MAX_NUM_FORMS": "1000",
    }
    for index, period in enumerate(periods):
        data.update(
            {
                f"periods-{index}-id": period.pk,
                f"periods-{index}-starts_on": period.starts_on.isoformat(),
                f"periods-{index}-ends_on": period.ends_on.isoformat(),
                f"periods-{index}-due_on": period.due_on.isoformat(),
                f"periods-{index}-locked_after": period.locked_after.isoformat(),
                f"periods-{index}-conference_on": period.conference_on.isoformat(),
            }
        )
    data["periods-0-due_on"] = "2026-06-30"
    data["organisations"] = [world.department.pk, world.association.pk, world.unit_a.pk]  # commune B leaves
    response = client.post(url, data)
    assert response.status_code == 302
    periods[0].refresh_from_db()
    assert periods[0].due_on.isoformat() == "2026-06-30"
    assert set(reporting_plan.reporting_units.values_list("organisation", flat=True)) == {
        world.department.pk,
        world.association.pk,
        world.unit_a.pk,
    }
    data["periods-0-locked_after"] = "2026-06-01"  # before the due date
    page = client.post(url, data).content.decode()
    assert "Ngày khóa báo cáo không thể trước hạn gửi." in page


def _period_post(periods, ids):
    data = {
        "periods-TOTAL_FORMS": str(len(ids)),
        "periods-INITIAL_FORMS": str(len(ids)),
        "periods-MIN_NUM_FORMS": "0",
        "periods-MAX_NUM_FORMS": "1000",
    }
    for index, (period, pk) in enumerate(zip(periods, ids)):
        data.update(
            {
                f"periods-{index}-id": pk,
                f"periods-{index}-starts_on": "01/01/2026",
                f"periods-{index}-ends_on": "30/06/2026",
                f"periods-{index}-due_on": "19/06/2026",
                f"periods-{index}-locked_after": "04/07/2026",
                f"periods-{index}-conference_on": "04/07/2026",
            }
        )
    return data


def test_a_period_of_another_plan_posted_in_the_schedule_is_a_form_error(
    client, world, editor, reporting_plan, other_plan
):
    """A tampered hidden id once reached the service (a 500); another province's period must not change either."""
    period_services.plan_open_reporting(user=None, plan=other_plan)
    foreign = other_plan.periods.order_by("year", "half").first()
    before = (foreign.starts_on, foreign.due_on)
    own = list(reporting_plan.periods.order_by("year", "half"))
    dates = [(p.starts_on, p.due_on) for p in own]
    client.force_login(editor)
    url = reverse("reports:plan_reporting", args=[reporting_plan.pk])
    for ids in ([foreign.pk, own[1].pk], ["", own[1].pk], [own[0].pk, own[1].pk, ""]):
        data = _period_post(own + [own[0]], ids)
        response = client.post(url, data)
        assert response.status_code == 200, ids
        assert "Chỉ thay đổi được các kỳ báo cáo của kế hoạch này." in response.content.decode()
    foreign.refresh_from_db()
    assert (foreign.starts_on, foreign.due_on) == before
    assert [
        (p.starts_on, p.due_on) for p in reporting_plan.periods.order_by("year", "half")
    ] == dates  # nothing half-saved


def test_only_editors_of_the_area_change_a_plans_reporting(client, reviewer, outsider, reporting_plan):
    url = reverse("reports:plan_reporting", args=[reporting_plan.pk])
    client.force_login(reviewer)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_review_queue_marks_late_by_the_vietnamese_day(client, world, reviewer, h1):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    ProgressReport.objects.create(
        plan=h1.plan,
        period=h1,
        organisation=world.unit_a,
        status="submitted",
        submitted_at=datetime(2026, 6, 19, 18, 0, tzinfo=dt_timezone.utc),  # 01:00 on 20/06 in Hà Nội
    )
    client.force_login(reviewer)
    page = client.get(reverse("reports:review_queue")).content.decode()
    assert '<span class="timing-late">muộn</span>' in page


# Returned reports, reopening, the reviewer's actions ---------------------------------------------
# H1 2026: due 19/06, filing locked after 04/07.


def _row(page, name):
    """The completeness table's row of a unit."""
    return page.split('data-testid="completeness"')[1].split(name)[1].split("</tr>")[0]


def _sent(world, reporter_a, h1):
    from datetime import date

    import time_machine

    with time_machine.travel(date(2026, 6, 10), tick=False):
        report = workflow.report_start(user=reporter_a, plan=h1.plan, period=h1, organisation=world.unit_a)
        report = workflow.report_save(
            user=reporter_a,
            report=report,
            version=report.version,
            narrative={"proposals_text": "Đề nghị hỗ trợ kinh phí"},
            progress=[workflow.ProgressData(c.pk, "done") for c in workflow.commitments_for(h1.plan, world.unit_a)],
            values={},
        )
        return workflow.report_submit(user=reporter_a, report=report)


def test_the_reviewers_actions_come_after_the_report_and_accepting_asks_first(
    client, world, reviewer, reporter_a, h1, in_h1
):
    report = _sent(world, reporter_a, h1)
    client.force_login(reviewer)
    page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    actions = page.index('data-testid="review-actions"')
    assert (
        page.index("Kết quả đạt được")
        < page.index("Đề nghị hỗ trợ kinh phí")
        < actions
        < page.index('data-testid="report-history"')
    )
    confirm = reverse("reports:report_accept", args=[report.pk])
    assert f'href="{confirm}"' in page  # a link to a confirmation page, no form that accepts at once
    confirmation = client.get(confirm).content.decode()
    assert "Sau khi duyệt" in confirmation and 'method="post"' in confirmation
    report.refresh_from_db()
    assert report.status == "submitted"  # looking at the confirmation changes nothing
    assert client.post(confirm)["Location"] == reverse("reports:report_detail", args=[report.pk])
    report.refresh_from_db()
    assert report.status == "accepted"
    assert client.get(confirm)["Location"] == reverse("reports:report_detail", args=[report.pk])


def test_a_report_returned_after_the_lock_date_shows_one_deadline_everywhere(client, world, reviewer, reporter_a, h1):
    from datetime import date

    import time_machine

    report = _sent(world, reporter_a, h1)
    with time_machine.travel(date(2026, 7, 10), tick=False):
        client.force_login(reviewer)
        page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
        assert 'value="17/07/2026"' in page  # a week proposed in the return form
        client.post(
            reverse("reports:report_return", args=[report.pk]), {"comment": "Bổ sung minh chứng", "until": "2026-07-20"}
        )
        report.refresh_from_db()
        assert (report.status, report.reopened_until) == ("returned", date(2026, 7, 20))
        page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
        assert "Đơn vị được nộp báo cáo này đến ngày 20/07/2026." in page and "Đổi hạn nộp" in page
        period = client.get(reverse("reports:period_detail", args=[h1.plan.pk, h1.pk])).content.decode()
        row = _row(period, world.unit_a.name)
        assert "đang sửa" in row and "được nộp đến ngày 20/07/2026" in row and "chưa gửi" not in row
        assert "Chưa tính: 1 báo cáo bị trả lại để sửa, 3 đơn vị chưa nộp." in period
        client.force_login(reporter_a)
        assert client.get(reverse("reports:report_edit", args=[report.pk])).status_code == 200
        page = client.get(reverse("reports:report_detail", args=[report.pk])).content.decode()
        assert "Đơn vị được nộp báo cáo này đến ngày 20/07/2026." in page


def test_the_reviewer_changes_a_returned_reports_deadline_from_its_page(client, world, reviewer, reporter_a, h1):
    from datetime import date

    import time_machine

    report = _sent(world, reporter_a, h1)
    with time_machine.travel(date(2026, 7, 10), tick=False):
        workflow.report_return(user=reviewer, report=report, comment="Sửa")
        client.force_login(reviewer)
        detail = reverse("reports:report_detail", args=[report.pk])
        url = reverse("reports:report_reopen", args=[h1.plan.pk, h1.pk, world.unit_a.pk])
        response = client.post(url, {"until": "2026-07-25", "next": detail})
        assert response["Location"] == detail
        assert client.post(url, {"until": "2026-07-26", "next": "https://evil.example/"})["Location"].endswith(
            reverse("reports:period_detail", args=[h1.plan.pk, h1.pk])
        )
    report.refresh_from_db()
    assert report.reopened_until == date(2026, 7, 26)


def test_reopen_is_offered_only_after_the_lock_date_and_the_row_shows_the_new_deadline(
    client, world, reviewer, reporter_a, h1
):
    from datetime import date

    import time_machine

    _sent(world, reporter_a, h1)
    page_url = reverse("reports:period_detail", args=[h1.plan.pk, h1.pk])
    client.force_login(reviewer)
    with time_machine.travel(date(2026, 6, 25), tick=False):  # late, but filing is open
        assert "Mở lại" not in client.get(page_url).content.decode()
    with time_machine.travel(date(2026, 7, 10), tick=False):
        client.force_login(reviewer)  # a new day's sign-in: the session of 25/06 has ended
        page = client.get(page_url).content.decode()
        assert page.count(">Mở lại<") == 3  # the three units that have not sent anything
        assert "Mở lại" not in _row(page, world.unit_a.name)  # sent: returned, not reopened
        client.post(
            reverse("reports:report_reopen", args=[h1.plan.pk, h1.pk, world.unit_b.pk]), {"until": "2026-07-20"}
        )
        row = _row(client.get(page_url).content.decode(), world.unit_b.name)
    assert "được nộp đến ngày 20/07/2026" in row and 'value="20/07/2026"' in row and "Đổi hạn nộp" in row


def test_money_has_the_same_decimals_on_the_pages_and_in_the_files(client, world, reviewer, leader, reporting_plan, h1):
    from datetime import date

    import time_machine
    from django.core.cache import cache

    from reports.models import IndicatorValue

    money = Indicator.objects.get(name="Học bổng")
    money.aggregation, money.unit = "mean", "vnd_per_person_year"
    money.save()
    for organisation, value in (
        (world.unit_a, 30000),
        (world.unit_b, 30000),
        (world.association, 32500),
    ):  # mean 30.833,33
        r = ProgressReport.objects.create(
            plan=reporting_plan,
            period=h1,
            organisation=organisation,
            status="accepted",
            submitted_at="2026-06-15T03:00Z",
        )
        IndicatorValue.objects.create(report=r, indicator=money, value=value)
    with time_machine.travel(date(2026, 7, 1), tick=False):
        cache.clear()
        client.force_login(reviewer)
        period = client.get(reverse("reports:period_detail", args=[reporting_plan.pk, h1.pk])).content.decode()
        document = docx.Document(
            io.BytesIO(client.get(reverse("reports:period_docx", args=[reporting_plan.pk, h1.pk])).content)
        )
        workbook = openpyxl.load_workbook(
            io.BytesIO(client.get(reverse("reports:period_xlsx", args=[reporting_plan.pk, h1.pk])).content)
        )
        client.force_login(leader)
        board = client.get(reverse("reports:dashboard")).content.decode()
        sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reports:dashboard_xlsx")).content))["Chỉ tiêu"]
    totals = period.split('data-testid="totals"')[1].split("</table>")[0]
    assert "30.833" in totals and "30.833,3" not in totals
    assert "<strong>30.833</strong>" in board.split('data-testid="dashboard-indicators"')[1]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "30.833" in cells and not any("30.833," in cell for cell in cells)
    totals_sheet = workbook["Tổng hợp"]
    result = next(r for r in totals_sheet.iter_rows(min_row=2, values_only=True) if r[1] == "Học bổng")
    assert result[6] == 30833
    dashboard_row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Học bổng")
    assert dashboard_row[3] == 30833


def test_the_previous_periods_figure_beside_a_field_uses_the_figures_decimals(
    client, world, reporter_a, reporting_plan
):
    from datetime import date
    from decimal import Decimal

    import time_machine

    from reports.models import IndicatorValue

    h1, h2 = reporting_plan.periods.get(half="H1"), reporting_plan.periods.get(half="H2")
    money = Indicator.objects.get(name="Học bổng")
    with time_machine.travel(date(2026, 5, 20), tick=False):
        earlier = workflow.report_start(user=reporter_a, plan=reporting_plan, period=h1, organisation=world.unit_a)
    IndicatorValue.objects.create(report=earlier, indicator=money, value=Decimal("30833.33"))
    with time_machine.travel(date(2026, 11, 20), tick=False):
        report = workflow.report_start(user=reporter_a, plan=reporting_plan, period=h2, organisation=world.unit_a)
        client.force_login(reporter_a)
        page = client.get(reverse("reports:report_edit", args=[report.pk])).content.decode()
    assert "Kỳ trước: 30.833<" in page  # money in whole đồng, as on every other page and file
