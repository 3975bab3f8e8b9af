"""The review conference's two documents, as Word files in the format of Nghị định 30/2020/NĐ-CP:
its minutes (biên bản) and the notice of its conclusions (thông báo kết luận).

Both are built like the consolidated report (``reports.exports.docx``): the
same page, styles and blocks, always in Vietnamese, with blanks left as dots
where the portal does not know what to write (the hour the meeting ended, a
number not given yet). The minutes are signed by the secretary and the chair;
the notice by each party of the plan, as the consolidated report is.
"""

import re
from datetime import date

from django.utils.translation import override

from reports.exports import LANGUAGE, counted_phrase, period_phrase, score_phrase, short_date, text_lines
from reports.exports.docx.content import _party_signer, _period_span, _plan_name, halves_table
from reports.exports.docx.layout import Signer, _Document, number_column_cm
from reports.models import ReportingPeriod, half_year_label
from reports.services.consolidation import consolidate

from .models import CarryOver, Conference
from .services import whole_plan

BLANK_LINE = "." * 90  # a line to fill in by hand
# What precedes a name on a line "Ông Nguyễn Văn An - Giám đốc Sở": left out under a signature.
HONORIFICS = ("Ông ", "Bà ", "Đồng chí ", "Đ/c ")
_NAME_ENDS = re.compile(r"\s+[-–—]\s+|,|;|\(")


def minutes_docx(conference: Conference) -> bytes:
    """The minutes of ``conference``: when and where, who chaired and who came for each party,
    the consolidated report it heard, the proposals answered, what was said, its conclusions and
    what it decided for the commitments left undone; signed by the secretary and the chair."""
    plan, period = conference.plan, conference.period
    issuers = _issuers(plan)
    consolidation = consolidate(plan, period, texts=False)
    chairs = text_lines(conference.chairs)
    with override(LANGUAGE):
        doc = _Document()
        doc.header(
            superiors=[],
            issuers=[p.organisation.name for p in issuers],
            number=conference.minutes_number,
            place=plan.place or plan.area.name,
            signed_on=conference.held_on,
            symbol="BB",
        )
        doc.title(f"Hội nghị {_review_phrase(conference)}", kind="BIÊN BẢN")

        doc.heading("I. THỜI GIAN, ĐỊA ĐIỂM")
        doc.para(f"Vào hồi ..... giờ ....., ngày {short_date(conference.held_on)}.", lead="Thời gian")
        doc.para(f"{conference.place}.", lead="Địa điểm")

        doc.heading("II. THÀNH PHẦN THAM DỰ")
        doc.subheading("1. Chủ trì hội nghị")
        _people(doc, chairs)
        parties = [(a.organisation.name, a.people) for a in conference.attendance.select_related("organisation")]
        for number, (name, people) in enumerate(parties or [("", "")], 2):
            doc.subheading(f"{number}. Đại biểu {name}" if name else f"{number}. Đại biểu tham dự")
            _people(doc, text_lines(people))
        doc.subheading(f"{number + 1}. Thư ký hội nghị")
        _people(doc, [conference.secretary] if conference.secretary.strip() else [])

        doc.heading("III. NỘI DUNG HỘI NGHỊ")
        half = f"{period_phrase(period)}{_period_span(period)}"
        if conference.kind == Conference.Kind.FINAL:
            doc.subheading("1. Báo cáo tổng kết")
            doc.para(f"Hội nghị đã nghe báo cáo tổng kết thực hiện {_plan_name(plan)}; kết quả {half} như sau:")
        else:
            doc.subheading(f"1. Báo cáo sơ kết {period_phrase(period)}")
            doc.para(f"Hội nghị đã nghe báo cáo sơ kết {half} thực hiện {_plan_name(plan)}:")
        doc.bullet(counted_phrase(consolidation))
        for score in consolidation.scores:
            if score.total or score.not_applicable:
                doc.bullet(f"{score_phrase(score)}.")
        if conference.kind == Conference.Kind.FINAL:
            _whole_plan(doc, conference)
        doc.subheading("2. Trả lời đề xuất, kiến nghị của các đơn vị")
        doc.raised(consolidation.proposals, "Các đơn vị không có đề xuất, kiến nghị.", answers=True)
        doc.subheading("3. Ý kiến thảo luận")
        doc.text(conference.minutes, BLANK_LINE)

        doc.heading("IV. KẾT LUẬN CỦA HỘI NGHỊ")
        _conclusions(doc, conference)

        doc.heading("V. CÁC NỘI DUNG CHƯA HOÀN THÀNH")
        _carry_overs(doc, conference)

        doc.para("Hội nghị kết thúc vào hồi ..... giờ ..... cùng ngày./.")
        doc.signatures(
            [
                Signer("", ["CHỦ TRÌ"], name=_person_name(chairs[0]) if chairs else ""),
                Signer("", ["THƯ KÝ"], name=_person_name(conference.secretary)),
            ],
            keep_together=True,
        )
        return doc.bytes()


def conclusions_notice_docx(conference: Conference, *, signed_on: date | None = None) -> bytes:
    """The notice of ``conference``'s conclusions, issued by the plan's parties: who held it, and
    each conclusion with the party responsible and its deadline. ``signed_on`` is left blank to fill
    in by hand if not given."""
    plan = conference.plan
    issuers = _issuers(plan)
    names = [p.organisation.name for p in issuers]
    chairs = text_lines(conference.chairs)
    with override(LANGUAGE):
        doc = _Document()
        doc.header(
            superiors=[],
            issuers=names,
            number=conference.notice_number,
            place=plan.place or plan.area.name,
            signed_on=signed_on,
            symbol="TB",
        )
        doc.title(f"Kết luận của Hội nghị {_review_phrase(conference)}", kind="THÔNG BÁO")
        hosts = " và ".join(names) or "các bên"
        chaired = ""
        if chairs:
            joined = chairs[0] if len(chairs) == 1 else f"{', '.join(chairs[:-1])} và {chairs[-1]}"
            chaired = f" Hội nghị do {joined} {'đồng chủ trì' if len(chairs) > 1 else 'chủ trì'}."
        doc.para(
            f"Ngày {short_date(conference.held_on)}, tại {conference.place}, {hosts} tổ chức Hội nghị "
            f"{_review_phrase(conference)}.{chaired}"
        )
        doc.para("Sau khi nghe báo cáo và ý kiến thảo luận của các đại biểu, Hội nghị kết luận như sau:")
        _conclusions(doc, conference)
        doc.para(
            f"Trên đây là Thông báo kết luận của Hội nghị {_review_phrase(conference)}; "
            "đề nghị các đơn vị liên quan triển khai thực hiện./."
        )
        recipients = [f"- {name};" for name in names] + ["- Các đơn vị thực hiện;", "- Lưu: VT."]
        doc.signatures([_party_signer(p.organisation.name, p) for p in issuers], recipients, keep_together=True)
        return doc.bytes()


def _issuers(plan) -> list:
    """The plan's parties, in the order they signed: the bodies that held the conference."""
    return list(plan.parties.select_related("organisation").order_by("order", "pk"))


def _review_phrase(conference: Conference) -> str:
    """ "sơ kết 6 tháng đầu năm 2026 thực hiện Kế hoạch ... (số ...)"; a final review covers the
    whole plan: "tổng kết thực hiện Kế hoạch ..."."""
    plan_name = _plan_name(conference.plan)
    if conference.kind == Conference.Kind.FINAL:
        return f"tổng kết thực hiện {plan_name}"
    return f"sơ kết {period_phrase(conference.period)} thực hiện {plan_name}"


def _people(doc: _Document, lines: list[str]) -> None:
    for line in lines or [BLANK_LINE]:
        doc.bullet(line.lstrip("-•+ \t"))


def _whole_plan(doc: _Document, conference: Conference) -> None:
    """A final review reads the whole period: each half-year's reports and commitments done."""
    doc.para("Kết quả qua các kỳ của giai đoạn thực hiện kế hoạch:")
    halves_table(doc, whole_plan(conference))


def _conclusions(doc: _Document, conference: Conference) -> None:
    """Each conclusion as a numbered paragraph, then who carries it out and by when."""
    conclusions = list(conference.conclusions.select_related("responsible").order_by("number"))
    if not conclusions:
        doc.para(BLANK_LINE)
    for conclusion in conclusions:
        first, *rest = text_lines(conclusion.text) or [""]
        doc.para(f"{conclusion.number}. {first}")
        for line in rest:
            doc.para(line)
        doc.bullet(conclusion.responsible.name, lead="Đơn vị chịu trách nhiệm")
        if conclusion.deadline:
            doc.bullet(f"trước ngày {short_date(conclusion.deadline)}.", lead="Thời hạn hoàn thành")


def _carry_overs(doc: _Document, conference: Conference) -> None:
    """What the conference decided for each commitment not done by the end of its half-year."""
    carry_overs = list(conference.carry_overs.select_related("commitment"))
    if not carry_overs:
        doc.para("Không có nội dung nào phải chuyển tiếp hoặc dừng thực hiện.")
        return
    doc.para("Hội nghị thống nhất xử lý các nội dung chưa hoàn thành trong kỳ như sau:")
    rows = [
        [item.commitment.number, item.commitment.text, _decision(item, conference.period), item.reason]
        for item in carry_overs
    ]
    number = number_column_cm([row[0] for row in rows])
    doc.table(["Số", "Nội dung", "Quyết định của Hội nghị", "Lý do"], rows, [number, 7.4 - number, 4.6, 4.0])


def _decision(item: CarryOver, period: ReportingPeriod) -> str:
    if item.decision == CarryOver.Decision.CLOSED:
        return "Dừng thực hiện"
    year, half = (period.year, "H2") if period.half == ReportingPeriod.Half.H1 else (period.year + 1, "H1")
    text = f"Chuyển sang {half_year_label(year, half)}"
    if item.new_deadline:
        text += f", thời hạn {short_date(item.new_deadline)}"
    return text


def _person_name(line: str) -> str:
    """The name on a line "Ông Nguyễn Văn An - Giám đốc Sở ...", as printed under a signature."""
    name = _NAME_ENDS.split(line.strip(), maxsplit=1)[0].strip()
    for honorific in HONORIFICS:
        if name.startswith(honorific):
            return name[len(honorific) :].strip()
    return name
