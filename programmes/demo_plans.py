"""Demo plans: three real seed documents entered as they are printed.

- the Bến Tre coordination programme (no number, no date; period 2011-2015),
- the Hòa Bình plan No. 1392/KH-SGD&ĐT-HKH of 24/07/2012 (period 2012-2016),
- the Thuận An agreement No. 06/HKH-PGD of 21/02/2024, which carries out the
  Bình Dương agreement No. 131/SGD&ĐT-HKH of 07/02/2017 (entered as a stub:
  only its number, date, title and parties are known from the citation).

Transcription rules:

- Commitment texts are copied from the documents; only line breaks that split
  a sentence and markdown markers (``**``, ``*``) are removed. Typing errors of
  the originals ("trình trạng", "cùng cỗ", "Phân đầu", "khu phổ", "TTHTCD") and
  their spacing around punctuation are kept, so that the text matches the paper.
- Headings printed in capitals are written in sentence case (titles, sections);
  so are signatories' names and titles.
- List fields (legal bases, purposes, requirements, recipients) hold one item
  per line, without the leading dash, the leading "Căn cứ" and the trailing
  ";" / "," / "." that only join the items of a printed list.
- Sections are the top-level parts that hold commitments. Which side carries a
  commitment comes from the sub-heading it is printed under ("1. Sở Giáo dục
  và Đào tạo", "2.2. Về phía Hội Khuyến học", ...); items of a part that both
  sides carry are ``joint``. ``supporting`` is filled only where the text says
  that the responsible side works with the other signatory ("phối hợp với").

Loading is idempotent: each plan is looked up by its area and number (by its
area and title when it has no number) and, if it already exists, left as it is,
so that a second run neither duplicates rows nor undoes changes made in the
portal. A new plan is created with its parties, sections, commitments and
indicators in one transaction.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from .models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section
from .services.plans import plan_refresh_search

Kind = Plan.Kind
Status = Plan.Status
Cadence = Plan.Cadence
Party = Commitment.Party
Recurrence = Commitment.Recurrence
Unit = Indicator.Unit
Direction = Indicator.Direction
Aggregation = Indicator.Aggregation


@dataclass(frozen=True)
class Target:
    """An indicator of a commitment."""

    name: str
    unit: str
    target_value: Decimal
    direction: str = Direction.AT_LEAST
    aggregation: str = Aggregation.SUM
    due_date: date | None = None


@dataclass(frozen=True)
class Item:
    """A commitment as printed."""

    number: str
    party: str
    text: str
    lead: str = ""
    supporting: str = ""
    recurrence: str = Recurrence.ONGOING
    deadline: date | None = None
    yearly_day: int | None = None
    yearly_month: int | None = None
    targets: tuple[Target, ...] = ()


@dataclass(frozen=True)
class Part:
    """A section and the commitments printed in it."""

    number: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Signatory:
    """A party, found by the name and the area code of its organisation."""

    organisation: str
    area: str
    name: str = ""
    title: str = ""
    capacity: str = ""


@dataclass(frozen=True)
class DemoPlan:
    key: str  # how other entries of DEMO_PLANS refer to this one (``parent``)
    area: str
    kind: str
    title: str
    number: str = ""
    signed_on: date | None = None
    place: str = ""
    start_year: int | None = None
    end_year: int | None = None
    status: str = Status.ENDED
    review_cadence: str = Cadence.SEMI_ANNUAL
    parent: str = ""
    parties: tuple[Signatory, ...] = ()
    legal_bases: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()


# ---------------------------------------------------------------------------
# Bến Tre: Chương trình phối hợp hoạt động (seed 000). No number, no date and
# no place are printed; the period 2011-2015 is named in bullet II.1.2.
# Part I numbers its items "1/", "2/" (entered as I.1, I.2). Part II prints
# "-" bullets without numbers under "1-Sở GD & ĐT", "2-Hội Khuyến học tỉnh"
# and "3-Hoạt động phối hợp"; their numbers II.1.1 ... II.3.3 are DERIVED
# (sub-heading number + position of the bullet), not printed.
# ---------------------------------------------------------------------------
BEN_TRE = DemoPlan(
    key="ben_tre_2011",
    area="H83",
    kind=Kind.PROGRAMME,
    title="Chương trình phối hợp hoạt động giữa Sở Giáo dục - Đào tạo và Hội Khuyến học tỉnh Bến Tre",
    start_year=2011,
    end_year=2015,
    status=Status.ENDED,
    # The programme states no review cadence; the model's default is kept.
    review_cadence=Cadence.SEMI_ANNUAL,
    parties=(
        # Printed "1G. Giám đốc" is the OCR reading of "KT. Giám đốc" (signing
        # on behalf of the director), above "PHÓ GIÁM ĐỐC".
        Signatory(
            "Sở Giáo dục và Đào tạo tỉnh Bến Tre",
            "H83",
            name="Nguyễn Văn Huấn",
            title="Phó Giám đốc",
            capacity="KT. Giám đốc",
        ),
        # Printed "P.Chủ tịch", with no capacity line above it.
        Signatory("Hội Khuyến học tỉnh Bến Tre", "H83", name="Đặng Thị Khoa", title="Phó Chủ tịch"),
    ),
    purposes=(
        "Nhiệm vụ của hai đơn vị có nhiều điểm giống nhau , vì vậy việc liên kết, phối hợp hoạt động nhằm góp "
        "phần thực hiện mục tiêu “ Nâng cao dân trí, đào tạo nhân lực, bồi dưỡng nhân tài” cho đất nước, trong "
        "đó có địa phương Bến Tre",
    ),
    requirements=(
        "Sở GD & ĐT và HKH tỉnh Bến Tre có trách nhiệm thực hiện nội dung phối hợp hoạt động giữa hai đơn vị, "
        "phù hợp với chức năng, nhiệm vụ của mình.",
    ),
    # The brace "} để báo cáo" printed after the list belongs to the first six
    # recipients (the next line has its own "để biết").
    recipients=(
        "HKHVN: để báo cáo",
        "VP.TU: để báo cáo",
        "TT.UBND tỉnh: để báo cáo",
        "MTTQVN tỉnh: để báo cáo",
        "Ban TGTU: để báo cáo",
        "Ban DVTU: để báo cáo",
        "HKH huyện, TP: để biết",
        "Lưu VT",
    ),
    parts=(
        Part(
            "I",
            "Nội dung chương trình phối hợp hoạt động",
            (
                Item(
                    "I.1",
                    Party.JOINT,
                    "Sở GD & ĐT và HKH tỉnh triển khai các hình thức thông tin, tuyên truyền cuộc vận động “ Xây "
                    "dựng trường học thân thiện, học sinh tích cực” trong các trường học, cơ sở giáo dục – đào tạo "
                    "và HKH các cấp trong tỉnh.",
                ),
                Item(
                    "I.2",
                    Party.JOINT,
                    "Sở GD & ĐT và HKH tỉnh sẽ phối hợp củng cố, nâng cao chất lượng hoạt động của các Trung tâm "
                    "học tập cộng đồng (TTHTCĐ)",
                ),
            ),
        ),
        Part(
            "II",
            "Tổ chức thực hiện",
            (
                # 1-Sở GD & ĐT (derived numbers)
                Item(
                    "II.1.1",
                    Party.DEPARTMENT,
                    "Tiếp tục thực hiện kế hoạch kiên cố hóa trường học, đầu tư trang thiết bị dạy học, đáp ứng yêu "
                    "cầu tối thiểu mà nội dung chương trình bắt buộc phải có.",
                ),
                Item(
                    "II.1.2",
                    Party.DEPARTMENT,
                    "Tiếp tục thực hiện kế hoạch xây dựng trường đạt chuẩn quốc gia ở các cấp học: Mầm non, tiểu "
                    "học, trung học cơ sở , trung học phổ thông giai đoạn 2011-2015.",
                ),
                Item(
                    "II.1.3",
                    Party.DEPARTMENT,
                    "Tiến hành kế hoạch phổ cập mẫu giáo 5 tuổi, phổ cập tiểu học giai đoạn II, phổ cập trung học "
                    "cơ sở đúng độ tuổi, phổ cập giáo dục trung học.",
                ),
                Item(
                    "II.1.4",
                    Party.DEPARTMENT,
                    "Thực hiện đầy đủ chương trình chính khóa đối với các môn học và chương trình ngoại khóa ở các "
                    "cấp học.",
                ),
                Item(
                    "II.1.5",
                    Party.DEPARTMENT,
                    "Có kế hoạch ngăn chặn, đẩy lùi đến mức thấp nhất các tệ nạn xã hội xâm nhập vào nhà trường: "
                    "trình trạng học sinh bạo hành, sử dụng ma túy, vô lễ đối với giáo viên, vi phạm trật tự - an "
                    "toàn giao thông; chấm dứt tình trạng giáo viên xâm phạm thân thể, xúc phạm nhân phẩm học sinh.",
                ),
                Item(
                    "II.1.6",
                    Party.DEPARTMENT,
                    "Chỉ đạo các phòng GD & ĐT hướng dẫn các TTHTCD đa dạng hóa các lớp tập huấn, bồi dưỡng các "
                    "ngành nghề theo nhu cầu của địa phương và kiểm tra đánh giá chất lượng hoạt động của các "
                    "TTHTCD.",
                ),
                # 2-Hội Khuyến học tỉnh (derived numbers)
                Item(
                    "II.2.1",
                    Party.ASSOCIATION,
                    "Tích cực xây dựng gia đình hiếu học, dòng họ khuyến học; củng cố, tăng cường hoạt động đối với "
                    "HKH các cấp: tỉnh, huyện, cơ sở; đẩy mạnh việc phát triển hội viên, thành lập các Chi hội "
                    "khuyến học, Ban khuyến học nhằm có những hoạt động hỗ trợ ngành GD & ĐT trong việc vận động "
                    "học sinh ra lớp, duy trì sĩ số học sinh, góp phần giáo dục đạo đức, rèn luyện nhân cách học "
                    "sinh.",
                ),
                Item(
                    "II.2.2",
                    Party.ASSOCIATION,
                    "HKH các cấp sẽ tích cực vận động Quỹ Khuyến học, hiện vật để giúp đỡ các học sinh nghèo vượt "
                    "khó học giỏi, khen thưởng những học sinh có thành tích xuất sắc, nhằm góp phần động viên phong "
                    "trào thi đua “ Dạy tốt, học tốt” trong trường học.",
                ),
                Item(
                    "II.2.3",
                    Party.ASSOCIATION,
                    "Hướng dẫn các HKH huyện, thành phố (gọi chung là huyện) phối hợp với các phòng GD & ĐT, Trung "
                    "tâm giáo dục thường xuyên có kế hoạch giúp đỡ học sinh nghèo học giỏi, khen thưởng học sinh có "
                    "thành tích xuất sắc.",
                ),
                Item(
                    "II.2.4",
                    Party.ASSOCIATION,
                    "Thông qua các HKH huyện, hướng dẫn các HKH xã, phường, thị trấn (gọi chung là xã) tham mưu cùng "
                    "cỗ các TTHTCD nhằm đẩy mạnh hoạt động của các Trung tâm .",
                ),
                # 3-Hoạt động phối hợp giữa Sở GD & ĐT và HKH tỉnh (derived numbers)
                Item(
                    "II.3.1",
                    Party.JOINT,
                    "Bộ phận Thường trực của hai đơn vị sẽ phối hợp chặt chẽ, theo dõi việc triển khai nội dung "
                    "chương trình, đề xuất lãnh đạo hai bên các biện pháp để giải quyết kịp thời các yêu cầu có liên "
                    "quan đến nội dung phối hợp.",
                ),
                Item(
                    "II.3.2",
                    Party.JOINT,
                    "Hai bên thường xuyên thông báo cho nhau các công việc liên quan đến nội dung chương trình phối "
                    "hợp nhằm giúp nhau hoàn thành nhiệm vụ.",
                ),
                Item(
                    "II.3.3",
                    Party.JOINT,
                    "Căn cứ vào các nội dung trên, Sở GD & ĐT và HKH tỉnh sẽ có công văn chỉ đạo các đơn vị thuộc "
                    "thẩm quyền quản lý có kế hoạch thực hiện các nhiệm vụ nêu trên.",
                ),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Hòa Bình: Kế hoạch số 1392/KH-SGD&ĐT-HKH (seed 001). Part I (purposes and
# requirements) goes to the plan's list fields. Part II prints "1." ... "6."
# (entered as II.1 ... II.6), part III prints 1.1 ... 1.6 and 2.1 ... 2.6
# (entered as printed). Part IV prints 1.1, 1.2 and an unnumbered point 2;
# they are entered as IV.1.1, IV.1.2 and IV.2 because 1.1 and 1.2 are already
# taken by part III. The semi-annual review conference of IV.1.1 is also the
# plan's review cadence.
# ---------------------------------------------------------------------------
HOA_BINH = DemoPlan(
    key="hoa_binh_1392",
    area="H17",
    kind=Kind.PLAN,
    number="1392/KH-SGD&ĐT-HKH",
    title="Kế hoạch phối hợp công tác giai đoạn 2012-2016 giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Hòa Bình",
    signed_on=date(2012, 7, 24),
    place="Hòa Bình",
    start_year=2012,
    end_year=2016,
    status=Status.ENDED,
    review_cadence=Cadence.SEMI_ANNUAL,
    parties=(
        Signatory(
            "Sở Giáo dục và Đào tạo tỉnh Hòa Bình",
            "H17",
            name="Nguyễn Minh Thành",
            title="Giám đốc",
            capacity="GIÁM ĐỐC",
        ),
        Signatory(
            "Hội Khuyến học tỉnh Hòa Bình",
            "H17",
            name="Quách Thế Tân",
            title="Chủ tịch",
            capacity="CHỦ TỊCH",
        ),
    ),
    legal_bases=(
        "Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng đối với công tác "
        "khuyến học, khuyến tài; xây dựng xã hội học tập",
        "Kế hoạch số 971/KH-BGD&ĐT-HKVN ngày 23 tháng 9 năm 2011 về việc phối hợp công tác giai đoạn 2011-2015 "
        "giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam",
        "Nghị quyết Đại hội Hội Khuyến học tỉnh Hòa Bình lần thứ II nhiệm kỳ 2011-2015",
        "Kế hoạch Phát triển Giáo dục và Đào tạo tỉnh Hòa Bình giai đoạn 2011-2015",
    ),
    purposes=(
        "Thực hiện quan điểm của Đảng: Giáo dục đào tạo là sự nghiệp của Đảng, của Nhà nước và của toàn dân; phát "
        "triển giáo dục phải thực sự là quốc sách hàng đầu.",
        "Thực hiện công bằng trong giáo dục, tạo cơ hội bình đẳng để ai cũng được học hành.",
        "Mở rộng và nâng cao chất lượng phong trào khuyến học, khuyến tài, hướng tới một xã hội học tập, tạo cơ hội "
        "và điều kiện để mọi người dân được tiếp cận với giáo dục, thực hiện học tập suốt đời.",
        "Phối hợp chặt chẽ trong việc xác định và triển khai thực hiện các chủ trương, biện pháp, định hướng giáo "
        "dục đào tạo trong nhà trường, đẩy mạnh học tập trong xã hội, góp phần xây dựng xã hội học tập.",
    ),
    requirements=(
        "Phù hợp với chức năng, nhiệm vụ của mỗi cơ quan, đơn vị, tổ chức Hội và đảm bảo sự thống nhất từ Sở Giáo "
        "dục và Đào tạo, Hội Khuyến học tỉnh đến các đơn vị, trường học, các cơ sở giáo dục và huyện, thành Hội, Hội "
        "Khuyến học cơ sở trên địa bàn tỉnh",
        "Các nội dung phối hợp phải cụ thể, thiết thực, lựa chọn những nội dung, hình thức phù hợp với tình hình "
        "thực tiễn ở mỗi địa phương và được tiến hành thường xuyên, có trọng tâm, trọng điểm.",
    ),
    recipients=(
        "TW HKH VN",
        "TT Tỉnh ủy",
        "TT HĐND tỉnh",
        "UBND tỉnh",
        "Ban Dân vận Tỉnh ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "UBMTTQ VN tỉnh HB",
        "Sở Nội vụ",
        "Lãnh đạo Sở Giáo dục và Đào tạo",
        "Các UVBCH HKH tỉnh",
        "Huyện, thành Hội, các Ban KH trực thuộc",
        "Phòng GD&ĐT các huyện, thành phố",
        "Các đơn vị trực thuộc Sở GD&ĐT",
        "Lưu: VP Sở GD&ĐT; VP Tỉnh Hội",
    ),
    parts=(
        Part(
            "II",
            "Nội dung phối hợp",
            (
                Item(
                    "II.1",
                    Party.JOINT,
                    "Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền về vị trí vai trò của Giáo dục và Đào tạo, "
                    "của Hội Khuyến học trong việc nâng cao dân trí, bồi dưỡng nhân tài, đào tạo nguồn nhân lực phục "
                    "vụ sự nghiệp công nghiệp hóa, hiện đại hóa; phản ánh các hoạt động phối hợp, động viên khuyến "
                    "khích các việc làm tốt, các cá nhân, tập thể điển hình trong hoạt động giáo dục, khuyến học, "
                    "khuyến tài, xây dựng xã hội học tập.",
                ),
                Item(
                    "II.2",
                    Party.JOINT,
                    "Tham mưu với Tỉnh ủy, UBND tỉnh và các Sở, ban, ngành, đoàn thể có liên quan tổ chức sơ kết 05 "
                    "năm thực hiện Chỉ thị 11-CT/TW của Bộ Chính trị và Kế hoạch 25-KT/TU của Tỉnh ủy Hòa Bình về "
                    "tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học "
                    "tập. Xây dựng Kế hoạch thực hiện đến 2020.",
                ),
                Item(
                    "II.3",
                    Party.JOINT,
                    "Tham mưu với UBND tỉnh kiện toàn Ban chỉ đạo xây dựng xã hội học tập và phổ cập giáo dục tỉnh "
                    "Hòa Bình; phối hợp chặt chẽ, làm nòng cốt trong hoạt động của Ban chỉ đạo, đóng góp sáng kiến "
                    "chỉ đạo xây dựng xã hội học tập từ cơ sở.",
                ),
                Item(
                    "II.4",
                    Party.JOINT,
                    "Xây dựng chương trình củng cố và nâng cao chất lượng hoạt động của trung tâm học tập cộng đồng "
                    "(TTHTCD), xây dựng tiêu chí đánh giá và tổ chức đánh giá hàng năm đối với TTHTCD, tổ chức chỉ "
                    "đạo điểm về xây dựng mô hình TTHTCD ở một số xã, phường, thị trấn để rút kinh nghiệm mở rộng ra "
                    "toàn tỉnh. Phối hợp với các ngành chức năng trong việc biên soạn tài liệu khuyến công, khuyến "
                    "nông, khuyến ngư, xây dựng nông thôn mới, gia đình văn hóa...để tổ chức giảng dạy tại các "
                    "TTHTCD.",
                ),
                Item(
                    "II.5",
                    Party.JOINT,
                    "Xác định và lồng ghép phong trào xây dựng Gia đình hiếu học, dòng họ hiếu học, cộng đồng khuyến "
                    "học là một nội dung trong thực hiện xây dựng môi trường giáo dục: gia đình - nhà trường - xã "
                    "hội, trong phong trào thi đua \"Xây dựng trường học thân thiện, học sinh tích cực\".",
                ),
                Item(
                    "II.6",
                    Party.JOINT,
                    "Chỉ đạo, tạo điều kiện để củng cố và phát triển các Ban khuyến học, Chi hội Khuyến học, phát "
                    "triển hội viên ở các cơ quan, đơn vị, trường học và các cơ sở giáo dục trong tỉnh làm lực lượng "
                    "nòng cốt cho phong trào khuyến học từ cơ sở.",
                ),
            ),
        ),
        Part(
            "III",
            "Phân công trách nhiệm",
            (
                # 1. Sở Giáo dục và Đào tạo
                Item(
                    "1.1",
                    Party.DEPARTMENT,
                    "Hàng năm, khi xây dựng phương hướng, kế hoạch thực hiện nhiệm vụ năm học, Sở GD&ĐT đưa ra "
                    "chương trình phối hợp giữa Sở và Tỉnh Hội về công tác khuyến học, khuyến tài, xây dựng xã hội "
                    "học tập. Cuối năm học có nội dung kiểm điểm, đánh giá kết quả hoạt động, phối hợp giữa Sở và "
                    "Tỉnh Hội.",
                    recurrence=Recurrence.YEARLY,
                ),
                Item(
                    "1.2",
                    Party.DEPARTMENT,
                    "Tạo điều kiện để Tỉnh Hội đưa tin, bài, các văn bản chỉ đạo về công tác khuyến học trên Website "
                    "ngành GD&ĐT.",
                ),
                Item(
                    "1.3",
                    Party.DEPARTMENT,
                    "Tạo điều kiện để Hội Khuyến học tham gia các đề tài nghiên cứu khoa học, triển khai ứng dụng "
                    "thực tiễn xây dựng xã hội học tập trên địa bàn tỉnh.",
                ),
                Item(
                    "1.4",
                    Party.DEPARTMENT,
                    "Phối hợp tổ chức Tuần lễ Khuyến học, tháng Khuyến học và tổ chức Ngày Khuyến học 2/10 hàng "
                    "năm, động viên phong trào khuyến học, khuyến tài trong xã hội. Năm 2012, Phối hợp với Hội "
                    "Khuyến học tỉnh tổ chức Đại hội biểu dương Gia đình hiếu học, Dòng họ hiếu học, cộng đồng khuyến "
                    "học giai đoạn 2008-2012; Kỷ niệm 15 năm thành lập Hội Khuyến học tỉnh Hòa Bình (1997-2012).",
                    supporting="Hội Khuyến học tỉnh Hòa Bình",
                    recurrence=Recurrence.YEARLY,
                    yearly_day=2,
                    yearly_month=10,
                ),
                Item(
                    "1.5",
                    Party.DEPARTMENT,
                    "Chỉ đạo các cơ quan, đơn vị, trường học và các cơ sở giáo dục tạo điều kiện để các Ban Khuyến "
                    "học, chi hội khuyến học hoạt động.",
                ),
                Item(
                    "1.6",
                    Party.DEPARTMENT,
                    "Tiếp tục tạo điều kiện hỗ trợ về cơ sở vật chất, phương tiện để Hội Khuyến học tỉnh có thêm "
                    "điều kiện thuận lợi thực hiện nhiệm vụ.",
                ),
                # 2. Hội Khuyến học tỉnh
                Item(
                    "2.1",
                    Party.ASSOCIATION,
                    "Tư vấn kiến nghị với cấp ủy Đảng, chính quyền, ngành giáo dục và đào tạo về các chủ trương, "
                    "chính sách, biện pháp phát triển và nâng cao chất lượng giáo dục, góp phần xây dựng xã hội học "
                    "tập.",
                ),
                Item(
                    "2.2",
                    Party.ASSOCIATION,
                    "Chỉ đạo các cấp Hội tiếp tục thực hiện cuộc vận động \"Học tập và làm theo tấm gương đạo đức Hồ "
                    "Chí Minh\", tiếp tục ủng hộ cuộc vận động \"Mỗi thầy, cô giáo là một tấm gương đạo đức, tự học "
                    "và sáng tạo\" và phong trào thi đua \"Xây dựng trường học thân thiện, học sinh tích cực\".",
                ),
                Item(
                    "2.3",
                    Party.ASSOCIATION,
                    "Chỉ đạo các cấp Hội tăng cường tư vấn, hỗ trợ hoạt động cho TTHTCD, động viên hội viên tích cực "
                    "tham gia các hoạt động, học tập tại TTHTCD, tham gia biên soạn học liệu, làm hướng dẫn viên, "
                    "cộng tác viên, tham gia đánh giá hoạt động hàng năm góp phần củng cố, nâng cao chất lượng hoạt "
                    "động của các TTHTCD trong tỉnh.",
                ),
                Item(
                    "2.4",
                    Party.ASSOCIATION,
                    "Thông qua Quỹ khuyến học, Hội sẽ tăng thêm các suất học bổng cho học sinh nghèo vượt khó, học "
                    "tập tiến bộ, tu dưỡng tốt; tặng phần thưởng cho giáo viên, học sinh có thành tích cao trong các "
                    "kỳ thi quốc gia, quốc tế trên các lĩnh vực.",
                ),
                Item(
                    "2.5",
                    Party.ASSOCIATION,
                    "Chỉ đạo các cấp Hội vận động học sinh không bỏ học, động viên, khuyến khích học viên vượt khó "
                    "vươn lên học tốt ở vùng sâu, vùng xa, vùng kinh kế gặp nhiều khó khăn. Vận động các gia đình và "
                    "dòng họ phấn đấu trở thành gia đình hiếu học, dòng học hiếu học nuôi dưỡng con cháu không bỏ "
                    "học, không lưu ban, phấn đấu trở thành học sinh khá giỏi, tiếp tục học lên các bậc học cao hơn.",
                ),
                Item(
                    "2.6",
                    Party.ASSOCIATION,
                    "Chỉ đạo các cấp Hội hỗ trợ các nhà trường tổ chức quản lý học sinh trong những ngày nghỉ lễ, "
                    "Tết và trong hè ở cụm dân cư; phối hợp với nhà trường tổ chức cho giáo viên, học sinh tham gia "
                    "khuyến học, khuyến tài ở địa phương.",
                ),
            ),
        ),
        Part(
            "IV",
            "Tổ chức thực hiện",
            (
                # 1. Đối với cấp tỉnh: printed 1.1 and 1.2
                Item(
                    "IV.1.1",
                    Party.JOINT,
                    "Tăng cường thông tin hai chiều thông qua các báo cáo sơ, tổng kết, báo cáo chuyên đề có liên "
                    "quan.\n"
                    "Định kỳ 6 tháng đầu năm và 6 tháng cuối năm Sở GD&ĐT, Hội Khuyến học tỉnh phối hợp và tổ chức "
                    "hội nghị sơ kết đánh giá kết quả thực hiện kế hoạch phối hợp để cùng nhau giải quyết kịp thời "
                    "những tồn tại, vướng mắc phát sinh trong quá trình triển khai thực hiện và xây dựng kế hoạch "
                    "phối hợp năm sau.",
                ),
                Item(
                    "IV.1.2",
                    Party.JOINT,
                    "Văn phòng Sở GD&ĐT và Văn phòng Tỉnh Hội có trách nhiệm giúp Giám đốc Sở GD&ĐT và Thường trực "
                    "Tỉnh Hội liên kết phối hợp, cập nhật thông tin, dự thảo báo cáo theo nội dung, trách nhiệm của "
                    "kế hoạch này.",
                ),
                # 2. Đối với cấp huyện, thành phố: one unnumbered paragraph
                Item(
                    "IV.2",
                    Party.JOINT,
                    "Sở GD&ĐT và Hội Khuyến học tỉnh chỉ đạo các Phòng GD&ĐT, các huyện, thành Hội căn cứ vào Kế "
                    "hoạch phối hợp công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh xây dựng kế hoạch thực hiện cho "
                    "phù hợp với điều kiện thực tế và nhiệm vụ trọng tâm của mỗi địa phương.",
                ),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------
# Bình Dương: the provincial agreement that the Thuận An agreement cites
# ("Căn cứ công văn số 131/SGD&ĐT-HKH ngày 07/02/2017 ..."). Only what the
# citation gives is entered. It was still cited in 2024; it is marked ended
# because its two signatories ceased to exist with the province in the July
# 2025 reform.
# ---------------------------------------------------------------------------
BINH_DUONG = DemoPlan(
    key="binh_duong_131",
    area="H74",
    kind=Kind.AGREEMENT,
    number="131/SGD&ĐT-HKH",
    title="Thỏa thuận phối hợp công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh",
    signed_on=date(2017, 2, 7),
    start_year=2017,
    status=Status.ENDED,
    parties=(
        Signatory("Sở Giáo dục và Đào tạo tỉnh Bình Dương", "H74"),
        Signatory("Hội Khuyến học tỉnh Bình Dương", "H74"),
    ),
)


# ---------------------------------------------------------------------------
# Thuận An: Thỏa thuận số 06/HKH-PGD (seed 003), printed "06 / HKH-PGD". The
# association is named first in the number and the title, so it is the first
# party. Part 1 prints four "-" bullets, numbered here 1.1 ... 1.4; the "-"
# bullets under "2.1. Về phía Phòng GD&ĐT" and "2.2. Về phía Hội Khuyến học"
# are numbered 2.1.1 ... 2.1.6 and 2.2.1 ... 2.2.4. These numbers are DERIVED.
# Point 3 has no heading; its section title "Tổ chức thực hiện" is derived.
# The closing paragraph (a framework that may be amended during the year) is
# kept as a requirement.
# ---------------------------------------------------------------------------
THUAN_AN_YEAR_END = date(2024, 12, 31)

THUAN_AN = DemoPlan(
    key="thuan_an_06",
    area="D725",
    kind=Kind.AGREEMENT,
    number="06/HKH-PGD",
    title="Thỏa thuận phối hợp công tác giữa Hội Khuyến học và Phòng Giáo dục & Đào tạo năm 2024",
    signed_on=date(2024, 2, 21),
    place="Thuận An",
    start_year=2024,
    end_year=2024,
    # A one-year agreement for 2024, so it is over.
    status=Status.ENDED,
    review_cadence=Cadence.ANNUAL,
    parent="binh_duong_131",
    parties=(
        Signatory(
            "Hội Khuyến học thành phố Thuận An",
            "D725",
            name="Nguyễn Thị Tuyết Mai",
            title="Chủ tịch",
            capacity="TM. BTV HỘI KHUYẾN HỌC",
        ),
        Signatory(
            "Phòng Giáo dục và Đào tạo thành phố Thuận An",
            "D725",
            name="Võ Anh Tuấn",
            title="Phó phòng",
            capacity="KT. TRƯỞNG PHÒNG",
        ),
    ),
    # The second "Căn cứ vào tình hình thực tế" names no document and is left out.
    legal_bases=(
        "Công văn số 131/SGD&ĐT-HKH ngày 07/02/2017 của Sở GD&ĐT và Hội Khuyến học tỉnh về Thỏa thuận phối hợp "
        "công tác giữa Sở GD&ĐT và Hội Khuyến học tỉnh",
    ),
    requirements=(
        "Thỏa thuận phối hợp công tác giữa Phòng GD&ĐT và Hội Khuyến học là văn bản khung cho toàn bộ quá trình "
        "hoạt động của Phòng GD&ĐT và Hội Khuyến học. Trong năm, hai bên có thể xem xét để đánh giá và bổ sung nội "
        "dung công tác cho phù hợp với thực tế.",
    ),
    recipients=(
        "UBND TP (để b/c)",
        "LĐ Phòng GD&ĐT và HKH TP",
        "Hội KH các xã, phường",
        "Chi hội KH các trường",
        "Ban Khuyến học các cơ quan",
        "Lưu VT- HKH",
    ),
    parts=(
        Part(
            "1",
            "Về công tác tuyên truyền",
            (
                Item(
                    "1.1",
                    Party.JOINT,
                    "Tuyên truyền các chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước về Xây dựng "
                    "xã hội học tập;",
                ),
                Item(
                    "1.2",
                    Party.JOINT,
                    "Triển khai thực hiện Kế hoạch số 151/KH-UBND ngày 15/01/2024 của UBND Tỉnh về Triển khai thực "
                    "hiện phong trào “ Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn "
                    "2023-2030” trên địa bàn Tỉnh Bình Dương;",
                ),
                Item(
                    "1.3",
                    Party.JOINT,
                    "Triển khai Công văn số 09/CV-HKH ngày 02/02/2024 của Hội Khuyến học tỉnh Bình Dương về việc: "
                    "Triển khai thực hiện phong trào “ Cả nước thi đua xây dựng xã hội học tập”;",
                ),
                Item(
                    "1.4",
                    Party.JOINT,
                    "Tuyên truyền kỷ niệm 77 năm Ngày Thương binh, Liệt sĩ, kỷ niệm 42 năm ngày Nhà giáo Việt Nam "
                    "(20/11/1982-20/11/2024) và kỷ niệm 28 năm ngày thành lập Hội Khuyến học Việt Nam (02/10/1996 – "
                    "02/10/2024).",
                ),
            ),
        ),
        Part(
            "2",
            "Về công tác chuyên môn",
            (
                # 2.1. Về phía Phòng GD&ĐT
                Item(
                    "2.1.1",
                    Party.DEPARTMENT,
                    "Tiếp tục phối hợp với Hội Khuyến học thực hiện “Đề án xây dựng xã hội học tập giai đoạn "
                    "2021-2030” theo tinh thần Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ; cũng "
                    "như Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ; Công văn số "
                    "3320/BGD&ĐT-GD&ĐT ngày 6/8/2021 của Bộ GD&ĐT; Công văn số 3889/UBND-VX ngày 11/8/2021 của UBND "
                    "Tỉnh Bình Dương và Công văn số 1363/SGDDĐT-GDTrHTX ngày 18/8/2021 của Sở GD&ĐT.",
                    supporting="Hội Khuyến học thành phố Thuận An",
                ),
                Item(
                    "2.1.2",
                    Party.DEPARTMENT,
                    "Chỉ đạo và tạo điều kiện cho các Chi Hội Khuyến học trong các nhà trường hoạt động khuyến học "
                    "khuyến tài, xây dựng xã hội học tập. Đưa công tác khuyến học khuyến tài là một trong những tiêu "
                    "chuẩn thi đua đối với mỗi cá nhân và tập thể hàng năm để phân đấu thực hiện.",
                ),
                Item(
                    "2.1.3",
                    Party.DEPARTMENT,
                    "Chỉ đạo các trường thành lập Chi hội Khuyến học và Phân hội Khuyến học Cán bộ giáo viên trong "
                    "ngành đều là hội viên và phát triển Hội viên trong cha mẹ học sinh, phấn đấu Chi hội Khuyến học "
                    "các trường phát triển hội viên đạt 85% trở lên; đồng thời tích cực tham gia phong trào xây dựng "
                    "Gia đình học tập, Công dân học tập, xây dựng quỹ khuyến học ở các Chi hội, phấn đấu đạt 32.000 "
                    "đ/ 1 người/năm.",
                    targets=(
                        Target(
                            "Tỉ lệ phát triển hội viên của Chi hội Khuyến học các trường",
                            Unit.PERCENT,
                            Decimal("85"),
                            aggregation=Aggregation.MEAN,
                        ),
                        Target(
                            "Quỹ khuyến học ở các Chi hội, bình quân mỗi người mỗi năm",
                            Unit.VND_PER_PERSON_YEAR,
                            Decimal("32000"),
                            aggregation=Aggregation.MEAN,
                        ),
                    ),
                ),
                Item(
                    "2.1.4",
                    Party.DEPARTMENT,
                    "Chỉ đạo BGH và công đoàn nhà trường tích cực thực hiện Đề án “Đẩy mạnh phong trào học tập suốt "
                    "đời trong gia đình, trong đơn vị”.",
                ),
                # "vào đầu tháng 12/2024" (early December) is entered as 10/12/2024,
                # the end of the first ten days of the month.
                Item(
                    "2.1.5",
                    Party.DEPARTMENT,
                    "Phòng GD&ĐT phối hợp với Hội Khuyến học Thành phố chỉ đạo các trường phối hợp với địa phương "
                    "thực hiện Thông tư số 25/2023/TT-BGDĐT ngày 27/12/2023 của Bộ GD và ĐT Quy định về đánh giá, "
                    "công nhận “Cộng đồng học tập” cấp xã, huyện, tỉnh và Thông tư 22/2020/TT-BGDĐT ngày 06/8/2020 "
                    "của Bộ GD&ĐT “ Quy định về đánh giá, xếp loại Đơn vị học tập” đối với cơ quan tham mưu, giúp "
                    "việc Thành ủy và các cơ quan thuộc Ủy ban nhân dân thành phố. Phối hợp với Hội Khuyến học kiểm "
                    "tra việc thực hiện Thông tư 22 và Thông tư 25 vào đầu tháng 12/2024.",
                    supporting="Hội Khuyến học thành phố Thuận An",
                    recurrence=Recurrence.ONCE,
                    deadline=date(2024, 12, 10),
                ),
                Item(
                    "2.1.6",
                    Party.DEPARTMENT,
                    "Chỉ đạo các Trung tâm học tập cộng đồng ở địa phương kiện toàn và nâng cao chất lượng hoạt "
                    "động.",
                ),
                # 2.2. Về phía Hội Khuyến học
                Item(
                    "2.2.1",
                    Party.ASSOCIATION,
                    "Hội Khuyến học các cấp tích cực phối hợp ngành GD&ĐT thực hiện những nhiệm vụ của ngành như: "
                    "giúp đỡ, hỗ trợ cho những học sinh có hoàn cảnh đặc biệt khó khăn, góp phần hạn chế tỉ lệ học "
                    "sinh bỏ học, đồng thời thực hiện trao học bổng, tặng quà và khen thưởng cho học sinh giỏi, học "
                    "sinh nghèo hiếu học nhằm góp phần động viên học sinh học tốt.",
                    supporting="Phòng Giáo dục và Đào tạo thành phố Thuận An",
                ),
                Item(
                    "2.2.2",
                    Party.ASSOCIATION,
                    "Tiếp tục chỉ đạo thực hiện Quyết định số 242/QĐ-KHVN ngày 28/7/2022 của Trung ương Hội Khuyến "
                    "học Việt Nam ban hành “ Bộ Tiêu chí và Hướng dẫn tổ chức, đánh giá, công nhận “Gia đình học "
                    "tập”, “Cộng đồng học tập” ở ấp, khu phổ và cấp xã và “Đơn vị học tập” giai đoạn 2021-2030; "
                    "Phân đầu 100% các trường đều đạt “Đơn vị học tập” vào cuối năm 2024.",
                    targets=(
                        Target(
                            "Tỉ lệ trường đạt “Đơn vị học tập”",
                            Unit.PERCENT,
                            Decimal("100"),
                            aggregation=Aggregation.MEAN,
                            due_date=THUAN_AN_YEAR_END,
                        ),
                    ),
                ),
                Item(
                    "2.2.3",
                    Party.ASSOCIATION,
                    "Triển khai thực hiện Quyết định 324/QĐ-KHVN ngày 25/10/2023 của Hội Khuyến học Việt Nam về ban "
                    "hành “ Bộ Tiêu chí và Hướng dẫn đánh giá, công nhận danh hiệu “Công dân học tập” giai đoạn "
                    "2021-2030 (thay thế Quyết định 244/QĐ-KHVN ngày 28/7/2022 của Hội Khuyến học Việt Nam về ban "
                    "hành “ Bộ Tiêu chí và Hướng dẫn tổ chức, đánh giá, công nhận danh hiệu “ Công dân học tập” giai "
                    "đoạn 2021-2030).",
                ),
                # Printed under the association's heading although both sides act.
                Item(
                    "2.2.4",
                    Party.ASSOCIATION,
                    "Hàng năm, Hội Khuyến học và Phòng GD&ĐT tham mưu lãnh đạo Thành phố tổ chức lễ tuyên dương khen "
                    "thưởng học sinh giỏi, giáo viên bồi dưỡng học sinh giỏi, tặng học bổng cho học sinh vượt khó "
                    "hiếu học.",
                    supporting="Phòng Giáo dục và Đào tạo thành phố Thuận An",
                    recurrence=Recurrence.YEARLY,
                ),
            ),
        ),
        Part(
            "3",
            "Tổ chức thực hiện",
            (
                Item(
                    "3",
                    Party.JOINT,
                    "Phòng GD&ĐT và Hội Khuyến học chỉ đạo, hướng dẫn các đơn vị cơ sở thực hiện thỏa thuận phối hợp "
                    "công tác này.",
                ),
            ),
        ),
    ),
)

# In loading order: a parent before the plans that carry it out.
DEMO_PLANS = [BEN_TRE, HOA_BINH, BINH_DUONG, THUAN_AN]


@transaction.atomic
def demo_plans_load() -> list[Plan]:
    """Create the demo plans that do not exist yet; return all of them, in ``DEMO_PLANS`` order.

    Needs the areas and organisations of ``programmes.demo.demo_load``.
    """
    plans: dict[str, Plan] = {}
    for spec in DEMO_PLANS:
        plan = _find(spec)
        if plan is None:
            plan = _create(spec, parent=plans.get(spec.parent))
        plan_refresh_search(plan)
        plans[spec.key] = plan
    return list(plans.values())


def _find(spec: DemoPlan) -> Plan | None:
    plans = Plan.objects.filter(area__code=spec.area, number=spec.number)
    if not spec.number:
        plans = plans.filter(title=spec.title)
    return plans.first()


def _lines(items: tuple[str, ...]) -> str:
    return "\n".join(items)


def _create(spec: DemoPlan, parent: Plan | None) -> Plan:
    parties = [
        (Organisation.objects.get(name=signatory.organisation, area__code=signatory.area), signatory)
        for signatory in spec.parties
    ]
    plan = Plan.objects.create(
        kind=spec.kind,
        number=spec.number,
        title=spec.title,
        area=Area.objects.get(code=spec.area),
        signed_on=spec.signed_on,
        place=spec.place,
        start_year=spec.start_year,
        end_year=spec.end_year,
        status=spec.status,
        parent=parent,
        legal_bases=_lines(spec.legal_bases),
        purposes=_lines(spec.purposes),
        requirements=_lines(spec.requirements),
        recipients=_lines(spec.recipients),
        review_cadence=spec.review_cadence,
    )
    for order, (organisation, signatory) in enumerate(parties):
        PlanParty.objects.create(
            plan=plan,
            organisation=organisation,
            signatory_name=signatory.name,
            signatory_title=signatory.title,
            signing_capacity=signatory.capacity,
            order=order,
        )
    for section_order, part in enumerate(spec.parts, start=1):
        section = Section.objects.create(plan=plan, number=part.number, title=part.title, order=section_order)
        for order, item in enumerate(part.items, start=1):
            commitment = Commitment.objects.create(
                plan=plan,
                section=section,
                number=item.number,
                text=item.text,
                party=item.party,
                lead=item.lead,
                supporting=item.supporting,
                recurrence=item.recurrence,
                deadline=item.deadline,
                yearly_day=item.yearly_day,
                yearly_month=item.yearly_month,
                order=order,
            )
            for indicator_order, target in enumerate(item.targets, start=1):
                Indicator.objects.create(
                    commitment=commitment,
                    name=target.name,
                    unit=target.unit,
                    target_value=target.target_value,
                    direction=target.direction,
                    aggregation=target.aggregation,
                    due_date=target.due_date,
                    order=indicator_order,
                )
    return plan
