"""The dashboard's figures as a workbook, for a meeting."""
from io import BytesIO

from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font

from programmes.models import Commitment, Indicator
from reports.models import CommitmentProgress, half_year_label

from . import cell_format, numeric, numeric_share
from .safe import append_row


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = cell_format(cell.value)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = max(12, min(60, max(len(str(c.value or "")) for c in column) + 2))
    return sheet


def dashboard_xlsx(board) -> bytes:
    with translation.override("vi"):
        workbook = Workbook()
        workbook.remove(workbook.active)
        _sheet(
            workbook,
            "Số liệu chính",
            ["Chỉ số", "Giá trị"],
            [
                ("Kỳ báo cáo", half_year_label(board.year, board.half) if board.year else ""),
                ("Kế hoạch đang thực hiện", board.plans_in_force),
                ("Đơn vị phải báo cáo", board.expected),
                ("Gửi đúng hạn", board.on_time),
                ("Gửi muộn", board.late),
                ("Bị trả lại, đang sửa", board.returned),
                ("Chưa gửi", board.missing),
                ("Đã duyệt", board.accepted),
            ],
        )
        parties = dict(Commitment.Party.choices)
        statuses = dict(CommitmentProgress.Status.choices)
        _sheet(
            workbook,
            "Nội dung theo bên",
            ["Bên", "Tình trạng", "Số lượt báo cáo"],
            [(str(parties.get(p, p)), str(statuses.get(s, s)), n) for p, counts in board.commitments.items() for s, n in counts.items()],
        )
        _sheet(
            workbook,
            "Hoàn thành theo bên",
            ["Bên", "Hoàn thành", "Phải thực hiện (không tính không áp dụng)", "Không áp dụng"],
            [(str(parties.get(row["party"], row["party"])), row["done"], row["total"], row["not_applicable"]) for row in board.scores],
        )
        units = dict(Indicator.Unit.choices)
        _sheet(
            workbook,
            "Chỉ tiêu",
            ["Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "% mục tiêu", "Số đơn vị"],
            [
                (row.name, str(units.get(row.unit, row.unit)), numeric(row.target, row.unit), numeric(row.value, row.unit), numeric_share(row.progress), row.units)
                for row in board.indicators
            ],
        )
        _sheet(
            workbook,
            "Xu hướng",
            ["Kỳ báo cáo", "Phải báo cáo", "Đúng hạn", "Muộn", "Bị trả lại", "Chưa gửi"],
            [(half_year_label(row["year"], row["half"]), row["expected"], row["on_time"], row["late"], row["returned"], row["missing"]) for row in board.trend],
        )
        _sheet(
            workbook,
            "Nội dung chậm",
            ["Số", "Nội dung", "Bên", "Số đơn vị chưa xong", "Có nguy cơ chậm"],
            [
                (row["commitment__number"], row["commitment__text"], str(parties.get(row["commitment__party"], "")), row["lagging"], row["at_risk"])
                for row in board.lagging
            ],
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
