"""One unit's progress report for a period, as a Word document."""

from datetime import date

from django.utils.translation import override

from programmes.figures import share_of_target

from ...models import CommitmentProgress, ProgressReport
from .. import (
    LANGUAGE,
    choice_label,
    figure_text,
    period_phrase,
    report_commitments,
    report_figures,
    share_text,
    unit_label,
)
from .content import _period_span, _plan_name, _target, _unit_signer
from .layout import RECIPIENTS, _Document


def report_docx(report: ProgressReport, *, number: str = "", place: str = "", signed_on: date | None = None) -> bytes:
    """One unit's report for a period: its commitments, its figures and what it wrote."""
    plan, period, organisation = report.plan, report.period, report.organisation
    commitments, progress = report_commitments(report)
    figures = report_figures(report, commitments)
    with override(LANGUAGE):
        doc = _Document()
        doc.header(
            superiors=[organisation.parent.name] if organisation.parent_id else [],
            issuers=[organisation.name],
            number=number,
            place=place or organisation.area.name,
            signed_on=signed_on,
        )
        doc.title(f"Kết quả thực hiện {_plan_name(plan)} {period_phrase(period)}")
        if organisation.parent_id:
            doc.para(f"Kính gửi: {organisation.parent.name}.", centred=True)
        doc.para(
            f"Thực hiện {_plan_name(plan)}, {organisation.name} báo cáo kết quả thực hiện {period_phrase(period)}"
            f"{_period_span(period)} như sau:"
        )
        doc.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
        doc.subheading("1. Kết quả thực hiện các nội dung phối hợp")
        if commitments:
            rows = []
            for commitment in commitments:
                item = progress.get(commitment.pk)
                status = choice_label(CommitmentProgress.Status, item.status) if item else "Chưa báo cáo"
                rows.append([commitment.number, commitment.text, status, item.note if item else ""])
            doc.table(["Số", "Nội dung", "Tình hình", "Kết quả thực hiện"], rows, [1.3, 6.2, 2.7, 5.8], numeric=())
        else:
            doc.para("Kế hoạch không có nội dung giao cho đơn vị.")
        doc.subheading("2. Số liệu các chỉ tiêu")
        if figures:
            rows = []
            for index, (indicator, value) in enumerate(figures, 1):
                rows.append(
                    [
                        str(index),
                        f"{indicator.name} (nội dung {indicator.commitment.number})",
                        unit_label(indicator),
                        _target(indicator),
                        figure_text(value, indicator),
                        share_text(share_of_target(value, indicator.target_value)),
                    ]
                )
            doc.table(
                ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Số liệu", "Tỷ lệ so với mục tiêu (%)"],
                rows,
                [1.0, 6.4, 2.3, 2.2, 2.1, 2.0],
                numeric=(3, 4, 5),
            )
        else:
            doc.para("Không có chỉ tiêu định lượng giao cho đơn vị.")
        doc.subheading("3. Kết quả cụ thể")
        doc.text(report.results, "Đơn vị chưa nêu kết quả cụ thể.")
        doc.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
        doc.subheading("1. Tồn tại, hạn chế")
        doc.text(report.shortcomings, "Không có.")
        doc.subheading("2. Nguyên nhân")
        doc.text(report.causes, "Không có.")
        doc.heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ")
        doc.text(report.next_steps, "Không có.")
        doc.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ")
        proposals = list(report.proposals.all())
        if proposals:
            for proposal in proposals:
                doc.bullet(proposal.text)
                if proposal.answer:
                    doc.answer(proposal.answer)
        else:
            doc.text(report.proposals_text, "Không có.", bullets=True)
        doc.signatures([_unit_signer(organisation)], RECIPIENTS, keep_together=True)
        return doc.bytes()
