"""The period's consolidated files are built once per version of what they show, and served again."""

import io

import docx
import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse

from khuyenhoc.tests.test_redis_down import redis_down  # noqa: F401  (fixture)
from reports.exports import period_files
from reports.models import ProgressReport
from reports.services import workflow
from reports.tests.test_exports import setup  # noqa: F401  (fixture)


@pytest.fixture
def builds(monkeypatch):
    """The files built from the database, by kind."""
    built = []
    build = period_files.build_period_file

    def spy(period, kind):
        built.append(kind)
        return build(period, kind)

    monkeypatch.setattr(period_files, "build_period_file", spy)
    cache.clear()
    yield built
    cache.clear()


def _get(client, setup, kind):  # noqa: F811
    response = client.get(reverse(f"reports:period_{kind}", args=[setup.plan.pk, setup.period.pk]))
    assert response.status_code == 200
    return response.content


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _statuses(content: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Chỉ tiêu"]
    return [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_second_download_builds_nothing_and_reads_only_the_version(
    client, reviewer, setup, builds, django_assert_max_num_queries
):  # noqa: F811
    client.force_login(reviewer)
    first = {kind: _get(client, setup, kind) for kind in ("docx", "xlsx")}
    assert builds == ["docx", "xlsx"]
    again = {}
    for kind in ("docx", "xlsx"):
        with django_assert_max_num_queries(20):  # the session, the scoped period, the version's few reads
            again[kind] = _get(client, setup, kind)
    assert builds == ["docx", "xlsx"]
    assert again == first


def test_accepting_a_report_changes_the_files(client, reviewer, setup, builds):  # noqa: F811
    client.force_login(reviewer)
    assert "Đã gửi" in _statuses(_get(client, setup, "xlsx"))  # unit B's report waits for review

    workflow.report_accept(user=reviewer, report=setup.report_b)

    assert set(_statuses(_get(client, setup, "xlsx"))) == {"Đã duyệt"}
    assert builds == ["xlsx", "xlsx"]


def test_answering_a_proposal_changes_the_docx(client, reviewer, setup, builds):  # noqa: F811
    client.force_login(reviewer)
    assert "Sẽ tổ chức tập huấn trong quý III" not in _docx_text(_get(client, setup, "docx"))

    proposal = setup.report_b.proposals.get()
    workflow.proposal_answer(user=reviewer, proposal=proposal, answer="Sẽ tổ chức tập huấn trong quý III")

    assert "Sẽ tổ chức tập huấn trong quý III" in _docx_text(_get(client, setup, "docx"))


def test_renaming_a_unit_or_editing_a_commitment_changes_the_files(client, reviewer, world, setup, builds):  # noqa: F811
    client.force_login(reviewer)
    _get(client, setup, "docx")

    world.unit_b.name = "Hội Khuyến học xã Lạc Sơn mới"
    world.unit_b.save()
    assert "Hội Khuyến học xã Lạc Sơn mới" in _docx_text(_get(client, setup, "docx"))

    setup.plan.commitments.filter(number="1").update(text="Tuyên truyền, sửa ngoài dịch vụ")  # even past the services
    assert "Tuyên truyền, sửa ngoài dịch vụ" in _docx_text(_get(client, setup, "docx"))
    assert builds == ["docx"] * 3


def test_a_draft_saved_changes_nothing_the_files_show(client, reviewer, world, setup, builds):  # noqa: F811
    client.force_login(reviewer)
    first = _get(client, setup, "xlsx")
    draft = ProgressReport.objects.get(period=setup.period, organisation=world.department)
    draft.results = "Đang soạn"
    draft.save()

    assert _get(client, setup, "xlsx") == first
    assert builds == ["xlsx"]


def test_the_files_are_built_without_the_cache_when_redis_is_down(client, reviewer, setup, builds, redis_down):  # noqa: F811
    client.force_login(reviewer)
    assert "Đã gửi" in _statuses(_get(client, setup, "xlsx"))
    assert "Đã gửi" in _statuses(_get(client, setup, "xlsx"))
    assert builds == ["xlsx", "xlsx"]
