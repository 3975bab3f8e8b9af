"""The reports' texts: notes on commitments, shortcomings, causes, next steps, proposals and answers."""

from datetime import date

from programmes.models import Commitment, Organisation
from reports.models import CommitmentProgress, ReportingPeriod

from .figures import _percent, _vnd

Recurrence = Commitment.Recurrence
Progress = CommitmentProgress.Status


NOTES = {
    "I.1": "Tổ chức {a} hội nghị, buổi sinh hoạt chuyên đề tuyên truyền Kết luận số 49-KL/TW và Đề án “Xây dựng xã "
    "hội học tập giai đoạn 2021-2030”; đăng {b} tin, bài về gương gia đình, dòng họ hiếu học.",
    "I.2": "Duy trì hoạt động của các trung tâm học tập cộng đồng; mở {a} lớp chuyên đề về kỹ năng số, trồng trọt, "
    "chăn nuôi với {c} lượt người tham gia.",
    "I.3": "Bình xét, đề nghị công nhận {c} “Gia đình học tập”, {b} “Dòng họ học tập” và {a} “Cộng đồng học tập” cấp "
    "thôn, tổ dân phố.",
    "I.4": "Rà soát, kiện toàn Chi hội Khuyến học ở {b} trường; vận động cán bộ, giáo viên và cha mẹ học sinh tham gia "
    "hội viên, đóng góp quỹ khuyến học.",
    "II.1": "Đưa nội dung phối hợp với Hội Khuyến học tỉnh vào kế hoạch thực hiện nhiệm vụ năm học; đánh giá kết quả "
    "phối hợp trong hội nghị tổng kết năm học.",
    "II.2": "Chỉ đạo các cơ sở giáo dục theo dõi sĩ số hằng tuần; phối hợp với gia đình và Hội Khuyến học vận động "
    "{b} học sinh có nguy cơ bỏ học trở lại lớp.",
    "III.1": "Vận động các tổ chức, doanh nghiệp, nhà hảo tâm ủng hộ Quỹ Khuyến học; trao học bổng, quà tặng cho học "
    "sinh nghèo vượt khó học giỏi.",
    "III.2": "Củng cố {a} Chi hội, Ban Khuyến học; tham mưu kiện toàn Ban Giám đốc trung tâm học tập cộng đồng.",
    "III.3": "Tổ chức các hoạt động hưởng ứng Ngày Khuyến học Việt Nam 02/10; tuyên dương, khen thưởng {c} học sinh "
    "giỏi, giáo viên dạy giỏi và gia đình hiếu học tiêu biểu.",
    "IV.1": "Bộ phận thường trực hai bên họp giao ban, theo dõi, đôn đốc việc thực hiện kế hoạch; tổng hợp báo cáo 6 "
    "tháng gửi lãnh đạo hai bên.",
}
DEFAULT_NOTE = "Đang triển khai thực hiện theo kế hoạch."
OUT_OF_PERIOD_NOTE = "Hoạt động diễn ra vào ngày {day}/{month} hằng năm, không thuộc kỳ báo cáo này."
AT_RISK_NOTE = (
    "Trung tâm học tập cộng đồng chưa tổ chức được chuyên đề về chuyển đổi số do thiếu máy tính và người hướng dẫn."
)

SHORTCOMINGS = {
    "department": [
        "Một số trường chưa đưa nội dung khuyến học vào kế hoạch của nhà trường; việc báo cáo số liệu về Chi hội "
        "Khuyến học còn chậm.",
        "Tỉ lệ học sinh đi học chuyên cần ở các xã vùng cao vào mùa rét và mùa thu hoạch còn thấp.",
    ],
    "association": [
        "Một số trung tâm học tập cộng đồng hoạt động chưa thường xuyên, nội dung chuyên đề chưa phong phú.",
        "Nguồn vận động quỹ khuyến học ở các thôn, xóm còn hạn chế; việc phát triển hội viên trong cha mẹ học sinh "
        "chưa đồng đều.",
        "Việc đánh giá, công nhận “Công dân học tập” còn lúng túng, chưa ứng dụng được phần mềm quản lý.",
    ],
}
CAUSES = {
    "department": [
        "Một số cán bộ quản lý chưa nhận thức đầy đủ vai trò của công tác khuyến học; địa bàn rộng, giao thông khó "
        "khăn.",
        "Đời sống một bộ phận nhân dân còn khó khăn, học sinh phải nghỉ học giúp gia đình vào mùa vụ.",
    ],
    "association": [
        "Cán bộ Hội chủ yếu kiêm nhiệm, tuổi cao; kinh phí hoạt động còn hạn hẹp.",
        "Sau khi sắp xếp đơn vị hành chính, một số Chi hội đang kiện toàn lại tổ chức.",
        "Cơ sở vật chất của trung tâm học tập cộng đồng còn thiếu, chưa có máy tính phục vụ học tập.",
    ],
}
NEXT_STEPS = {
    ReportingPeriod.Half.H1: "Chuẩn bị các hoạt động hưởng ứng Ngày Khuyến học Việt Nam 02/10; rà soát, lập danh sách "
    "học sinh có hoàn cảnh khó khăn để trao học bổng đầu năm học mới.",
    ReportingPeriod.Half.H2: "Tổ chức sơ kết công tác phối hợp; tiếp tục vận động quỹ khuyến học, phát triển hội "
    "viên và nâng cao chất lượng hoạt động của trung tâm học tập cộng đồng trong 6 tháng tới.",
}
PROPOSALS = {
    "department": [
        "Đề nghị Hội Khuyến học tỉnh phối hợp tập huấn nghiệp vụ cho cán bộ phụ trách Chi hội Khuyến học trong các "
        "trường học.",
        "Đề nghị Hội Khuyến học tỉnh ưu tiên học bổng cho học sinh các xã vùng cao có tỉ lệ chuyên cần thấp.",
    ],
    "association": [
        "Đề nghị Hội Khuyến học tỉnh hỗ trợ kinh phí mua máy tính cho trung tâm học tập cộng đồng.",
        "Đề nghị tổ chức tập huấn sử dụng phần mềm đánh giá, công nhận “Công dân học tập”.",
        "Đề nghị Sở Giáo dục và Đào tạo chỉ đạo các trường cung cấp danh sách học sinh có hoàn cảnh khó khăn đầu năm "
        "học.",
    ],
}
ANSWERS = {
    "Đề nghị Hội Khuyến học tỉnh phối hợp tập huấn nghiệp vụ cho cán bộ phụ trách Chi hội Khuyến học trong các "
    "trường học.": "Hội Khuyến học tỉnh đưa nội dung tập huấn vào chương trình công tác quý tới.",
    "Đề nghị Hội Khuyến học tỉnh ưu tiên học bổng cho học sinh các xã vùng cao có tỉ lệ chuyên cần thấp.": (
        "Thống nhất; Thường trực Hội sẽ phân bổ 40% số suất học bổng cho các xã vùng cao."
    ),
    "Đề nghị Hội Khuyến học tỉnh hỗ trợ kinh phí mua máy tính cho trung tâm học tập cộng đồng.": (
        "Hội Khuyến học tỉnh đã đề xuất UBND tỉnh bố trí kinh phí; trước mắt vận động doanh nghiệp tài trợ 05 bộ máy "
        "tính."
    ),
    "Đề nghị tổ chức tập huấn sử dụng phần mềm đánh giá, công nhận “Công dân học tập”.": (
        "Sẽ tổ chức tập huấn trực tuyến cho Hội Khuyến học các xã, phường trong tháng tới."
    ),
    "Đề nghị Sở Giáo dục và Đào tạo chỉ đạo các trường cung cấp danh sách học sinh có hoàn cảnh khó khăn đầu năm "
    "học.": "Đã chuyển đề nghị tới Sở Giáo dục và Đào tạo; Sở sẽ có văn bản chỉ đạo các trường.",
}
RETURN_COMMENTS = {
    "lac_son": "Đề nghị bổ sung danh sách học sinh được nhận học bổng kèm theo báo cáo và làm rõ nguyên nhân trung tâm "
    "học tập cộng đồng chưa tổ chức được chuyên đề về chuyển đổi số.",
    "hoa_binh": "Số lượt học sinh được hỗ trợ chưa khớp với tổng giá trị học bổng đã trao; đề nghị rà soát lại số "
    "liệu trước khi gửi lại.",
}
DEFAULT_RETURN_COMMENT = "Đề nghị bổ sung số liệu và minh chứng kèm theo báo cáo."


def _half_label(period: ReportingPeriod) -> str:
    half = "6 tháng đầu năm" if period.half == ReportingPeriod.Half.H1 else "6 tháng cuối năm"
    return f"{half} {period.year}"


def _pick(items: list[str], index: int) -> str:
    return items[index % len(items)]


def _narrative(organisation: Organisation, period: ReportingPeriod, figures: dict, seed: int) -> dict[str, str]:
    kind = "department" if organisation.side == Organisation.Side.EDUCATION else "association"
    label = _half_label(period)
    if kind == "department":
        results = (
            f"Trong {label}, Sở Giáo dục và Đào tạo đã chỉ đạo 100% cơ sở giáo dục đưa nội dung khuyến học, khuyến "
            f"tài vào kế hoạch năm học. Tỉ lệ học sinh đi học chuyên cần đạt {_percent(figures['attendance'])}%; tỉ lệ "
            f"cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học đạt {_percent(figures['membership'])}%, "
            f"quỹ khuyến học ở các Chi hội bình quân {_vnd(figures['fund'])} đ/người/năm."
        )
    else:
        results = (
            f"Trong {label}, {organisation.name} đã trao học bổng, quà tặng tổng trị giá "
            f"{_vnd(figures['scholarships'])} đồng cho {_vnd(figures['pupils'])} lượt học sinh có hoàn cảnh khó khăn, "
            f"học sinh nghèo vượt khó học giỏi. Tỉ lệ cán bộ, giáo viên và cha mẹ học sinh tham gia Chi hội Khuyến học "
            f"đạt {_percent(figures['membership'])}%; quỹ khuyến học bình quân {_vnd(figures['fund'])} đ/người/năm."
        )
    return {
        "results": results,
        "shortcomings": _pick(SHORTCOMINGS[kind], seed),
        "causes": _pick(CAUSES[kind], seed),
        "next_steps": NEXT_STEPS[period.half],
        "proposals_text": "\n".join(_proposals(kind, seed)),
    }


def _proposals(kind: str, seed: int) -> list[str]:
    pool = PROPOSALS[kind]
    first = seed % len(pool)
    return [pool[first], pool[(first + 1) % len(pool)]] if seed % 3 else [pool[first]]


def _falls_in(commitment: Commitment, period: ReportingPeriod) -> bool:
    """Whether the commitment's yearly date falls in the period (True if it has none)."""
    if not (commitment.yearly_day and commitment.yearly_month):
        return True
    for year in (period.year - 1, period.year):
        try:
            day = date(year, commitment.yearly_month, commitment.yearly_day)
        except ValueError:
            continue
        if period.starts_on <= day <= period.ends_on:
            return True
    return False


def _note(commitment: Commitment, **numbers) -> str:
    return NOTES.get(commitment.number, DEFAULT_NOTE).format(**numbers)


def _progress(commitment: Commitment, position: int, period: ReportingPeriod, step: int, seed: int, at_risk: bool):
    """The status and note of a filed report on one commitment."""
    if not _falls_in(commitment, period):
        return Progress.NOT_APPLICABLE, OUT_OF_PERIOD_NOTE.format(
            day=f"{commitment.yearly_day:02d}", month=f"{commitment.yearly_month:02d}"
        )
    if at_risk and commitment.number == "I.2":
        return Progress.AT_RISK, AT_RISK_NOTE
    note = _note(commitment, a=2 + (seed + step) % 3, b=3 + seed + step, c=12 + 4 * seed + 5 * step)
    done = commitment.recurrence == Recurrence.YEARLY or (seed + position + step) % 3 < 1 + (step >= 2)
    return (Progress.DONE if done else Progress.IN_PROGRESS), note
