"""The province's consolidated report of a plan for a period, as a Word document."""

from datetime import date

from django.utils.translation import override

from programmes import party_roles
from programmes.models import Indicator

from ...models import CommitmentProgress
from ...services.consolidation import is_last, plan_so_far
from .. import (
    LANGUAGE,
    SIDE_ORDER,
    STATUS_ORDER,
    choice_label,
    counted_phrase,
    figure_text,
    party_label,
    period_phrase,
    row_result,
    score_phrase,
    share_text,
    side_label,
    unit_label,
    vn_number,
)
from .content import _party_signer, _period_span, _plan_name, _target, halves_table
from .layout import RECIPIENTS, _Document, number_column_cm


def consolidation_docx(
    consolidation,
    *,
    issuer_names: list[str] | None = None,
    number: str = "",
    place: str = "",
    signed_on: date | None = None,
) -> bytes:
    """The province's consolidated report of a plan for a period (a ``Consolidation``).

    ``issuer_names`` default to the plan's parties; ``number`` is the document's
    number and symbol ("15/BC-SGDĐT-HKH"), blank to fill in by hand if empty;
    ``place`` defaults to the plan's place of signing or its area's name.
    """
    plan, period = consolidation.plan, consolidation.period
    parties = list(plan.parties.select_related("organisation").order_by("order", "pk"))
    if issuer_names is None:
        issuer_names = [p.organisation.name for p in parties]
    by_name = {p.organisation.name.casefold(): p for p in parties}
    signers = [_party_signer(name, by_name.get(name.casefold())) for name in issuer_names]
    with override(LANGUAGE):
        doc = _Document()
        doc.header(
            superiors=[],
            issuers=issuer_names,
            number=number,
            place=place or plan.place or plan.area.name,
            signed_on=signed_on,
        )
        doc.title(f"Sơ kết {period_phrase(period)} thực hiện {_plan_name(plan)}")
        reporters = " và ".join(issuer_names) or "Đơn vị"
        doc.para(
            f"Thực hiện {_plan_name(plan)}, {reporters} báo cáo kết quả thực hiện {period_phrase(period)}"
            f"{_period_span(period)} như sau:"
        )
        _consolidation_results(doc, consolidation)
        doc.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
        doc.subheading("1. Tồn tại, hạn chế")
        doc.raised(consolidation.shortcomings, "Các đơn vị chưa nêu tồn tại, hạn chế.")
        doc.subheading("2. Nguyên nhân")
        doc.raised(consolidation.causes, "Các đơn vị chưa nêu nguyên nhân.")
        doc.heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ")
        doc.raised(consolidation.next_steps, "Các đơn vị chưa nêu phương hướng, nhiệm vụ.")
        doc.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ")
        doc.raised(consolidation.proposals, "Các đơn vị không có đề xuất, kiến nghị.", answers=True)
        doc.signatures(signers, RECIPIENTS, keep_together=True)
        return doc.bytes()


def _consolidation_results(doc: "_Document", consolidation) -> None:
    doc.heading("I. KẾT QUẢ ĐẠT ĐƯỢC")
    doc.subheading("1. Tình hình báo cáo")
    doc.para(counted_phrase(consolidation))

    doc.subheading("2. Kết quả thực hiện các chỉ tiêu")
    if consolidation.totals:
        rows = []
        for index, total in enumerate(consolidation.totals, 1):
            indicator = total.indicator
            name = f"{indicator.name} (nội dung {indicator.commitment.number})"
            if indicator.aggregation != Indicator.Aggregation.SUM:
                name += f"; {choice_label(Indicator.Aggregation, indicator.aggregation)}"
            rows.append(
                [
                    str(index),
                    name,
                    unit_label(indicator),
                    _target(indicator),
                    figure_text(total.value, indicator),
                    share_text(total.progress),
                    str(total.units),
                ]
            )
        doc.table(
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "Tỷ lệ so với mục tiêu (%)", "Số đơn vị báo cáo"],
            rows,
            [1.0, 5.4, 2.1, 2.0, 2.0, 1.9, 1.6],
            numeric=(3, 4, 5, 6),
        )
        doc.note("Kết quả là tổng số liệu của các đơn vị đã gửi báo cáo, trừ các chỉ tiêu có ghi cách tổng hợp khác.")
    else:
        doc.para("Kế hoạch không có chỉ tiêu định lượng.")

    doc.subheading("3. Kết quả thực hiện các nội dung phối hợp")
    scores = [s for s in consolidation.scores if s.total or s.not_applicable]
    for position, score in enumerate(scores):
        end = "." if position == len(scores) - 1 else ";"
        doc.bullet(f"{score_phrase(score)}{end}")
    if consolidation.rows:
        rows, names = [], party_roles.parties(consolidation.plan)
        for row in consolidation.rows:
            rows.append(
                [
                    row.commitment.number,
                    row.commitment.text,
                    party_label(row.commitment, names),
                    _statuses(row.statuses),
                    row_result(row),
                ]
            )
        number = number_column_cm([row[0] for row in rows])
        doc.table(
            ["Số", "Nội dung", "Trách nhiệm", "Tình hình thực hiện", "Kết quả"],
            rows,
            [number, 7.2 - number, 2.6, 4.0, 2.2],
            numeric=(),
        )
    else:
        doc.para("Kế hoạch chưa có nội dung phối hợp.")

    doc.subheading("4. Học bổng, hỗ trợ và khen thưởng học sinh")
    if consolidation.given:
        rows = [[str(line.label), vn_number(line.pupils), vn_number(line.amount)] for line in consolidation.money]
        rows += [
            [f"Nguồn: {line.label}", vn_number(line.pupils), vn_number(line.amount)]
            for line in consolidation.money_sources
        ]
        doc.table(["Nội dung", "Số học sinh", "Số tiền (đồng)"], rows, [8.0, 4.0, 4.6], numeric=(1, 2))
        doc.note("Theo các danh sách học sinh đã trao trong kỳ; hiện vật không tính thành tiền.")
    else:
        doc.para("Trong kỳ chưa ghi nhận học bổng, hỗ trợ, khen thưởng nào theo danh sách học sinh.")

    doc.subheading("5. Kết quả cụ thể của các đơn vị")
    doc.raised(consolidation.results, "Các đơn vị chưa nêu kết quả cụ thể.")

    if is_last(consolidation.period):  # the plan's end (tổng kết): the whole period
        doc.subheading("6. Kết quả qua các kỳ của cả giai đoạn")
        halves_table(doc, plan_so_far(consolidation.plan, consolidation.period))


def _statuses(statuses: dict) -> str:
    """What the units of each side reported, counted: "Hội Khuyến học: Hoàn thành 2, Đang thực hiện 1"."""
    lines = []
    for side in sorted(statuses, key=lambda side: _rank(SIDE_ORDER, side)):
        counts: dict[str, int] = {}
        for _name, status in statuses[side]:
            counts[status] = counts.get(status, 0) + 1
        parts = [
            f"{choice_label(CommitmentProgress.Status, status)} {count}"
            for status, count in sorted(counts.items(), key=lambda item: _rank(STATUS_ORDER, item[0]))
        ]
        lines.append(f"{side_label(side)}: {', '.join(parts)}")
    return "\n".join(lines) or "Chưa có đơn vị báo cáo"


def _rank(order: list, value) -> int:
    return order.index(value) if value in order else len(order)
