"""The dashboard's figures as a workbook, for a meeting."""

from django.utils import translation

from programmes.models import Commitment, Indicator
from reports.models import CommitmentProgress, half_year_label

from . import LANGUAGE, numeric, numeric_share
from .sheets import table, to_bytes, workbook


def _sheet(book, title, header, rows):
    """A bold header that stays in view; figures with the decimals they have; columns as wide as their text."""
    return table(book, title, header, rows, plain=True)


def dashboard_xlsx(board) -> bytes:
    with translation.override(LANGUAGE):
        book = workbook()
        _sheet(
            book,
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
            book,
            "Nội dung theo bên",
            ["Bên", "Tình trạng", "Số lượt báo cáo"],
            [
                (str(parties.get(p, p)), str(statuses.get(s, s)), n)
                for p, counts in board.commitments.items()
                for s, n in counts.items()
            ],
        )
        _sheet(
            book,
            "Hoàn thành theo bên",
            ["Bên", "Hoàn thành", "Phải thực hiện (không tính không áp dụng)", "Không áp dụng"],
            [
                (str(parties.get(row["party"], row["party"])), row["done"], row["total"], row["not_applicable"])
                for row in board.scores
            ],
        )
        _sheet(
            book,
            "Học bổng, khen thưởng",
            ["Theo", "Nội dung", "Số học sinh", "Số tiền (đồng)"],
            [("Hình thức", str(line.label), line.pupils, line.amount) for line in board.money]
            + [("Nguồn", str(line.label), line.pupils, line.amount) for line in board.money_sources]
            + [
                (area.area, str(line.label), line.pupils, line.amount)
                for area in board.money_areas
                for line in area.lines
                if line.pupils
            ],
        )
        units = dict(Indicator.Unit.choices)
        _sheet(
            book,
            "Chỉ tiêu",
            ["Chỉ tiêu", "Đơn vị tính", "Mục tiêu", "Kết quả", "% mục tiêu", "Số đơn vị"],
            [
                (
                    row.name,
                    str(units.get(row.unit, row.unit)),
                    numeric(row.target, row.unit),
                    numeric(row.value, row.unit),
                    numeric_share(row.progress),
                    row.units,
                )
                for row in board.indicators
            ],
        )
        _sheet(
            book,
            "Xu hướng",
            ["Kỳ báo cáo", "Phải báo cáo", "Đúng hạn", "Muộn", "Bị trả lại", "Chưa gửi"],
            [
                (
                    half_year_label(row["year"], row["half"]),
                    row["expected"],
                    row["on_time"],
                    row["late"],
                    row["returned"],
                    row["missing"],
                )
                for row in board.trend
            ],
        )
        _sheet(
            book,
            "Nội dung chậm",
            ["Số", "Nội dung", "Bên", "Số đơn vị chưa xong", "Có nguy cơ chậm"],
            [
                (
                    row["commitment__number"],
                    row["commitment__text"],
                    str(parties.get(row["commitment__party"], "")),
                    row["lagging"],
                    row["at_risk"],
                )
                for row in board.lagging
            ],
        )
        return to_bytes(book)
