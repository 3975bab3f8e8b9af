"""Recognisers: signatories' names, titles and
capacities, legal documents cited as a basis, and recasing of titles printed
in capitals."""

import re

from .text import _is_caps, fold

SURNAMES = set(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly quach dinh truong lam mai ta doan "
    "cao luong ha trinh dao luu to kieu chu la thai chau tang trieu vuong khong kim lo luc bach giang tong "
    "thach lai mac van khuc nong hua diep ong quan ton".split()
)
TITLES = {
    "giam doc": "Giám đốc",
    "pho giam doc": "Phó Giám đốc",
    "chu tich": "Chủ tịch",
    "pho chu tich": "Phó Chủ tịch",
    "truong phong": "Trưởng phòng",
    "pho truong phong": "Phó Trưởng phòng",
    "pho phong": "Phó phòng",
    "truong ban": "Trưởng ban",
    "pho truong ban": "Phó Trưởng ban",
    "bi thu": "Bí thư",
    "pho bi thu": "Phó Bí thư",
    "chanh van phong": "Chánh Văn phòng",
}

AIMS = re.compile(r"muc dich|yeu cau")
# What a legal basis names: "Căn cứ Chỉ thị số 11-CT/TW ...", not "Căn cứ vào tình hình thực tế".
LEGAL_DOCUMENT = re.compile(
    r"^(?:can cu\s+(?:vao\s+)?)(?:chi thi|nghi quyet|nghi dinh|quyet dinh|ke hoach|cong van|thong tu|luat|"
    r"ket luan|chuong trinh|thoa thuan|huong dan|dieu le|van ban|thong bao|de an)\b|\bso\s*\d+\s*/"
)


def _is_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or re.search(r"[\d.,:;/()&]", line):
        return False
    if fold(words[0]) not in SURNAMES or fold(line) in TITLES:
        return False
    return all(w[0].isupper() for w in words)


def _capacity(line: str) -> str | None:
    match = re.match(r"^(KT|TM|TL|TUQ|Q|1G)\s*\.\s*(\S.*)$", line, re.I)
    if not match:
        return None
    prefix = "KT" if match.group(1).upper() == "1G" else match.group(1).upper()
    return f"{prefix}. {match.group(2).upper()}"


def _title_case(line: str) -> str:
    return " ".join(word[:1].upper() + word[1:].lower() for word in line.split())


def _title_of(line: str) -> str | None:
    """A signatory's title as it is written in running text ("P.Chủ tịch" -> "Phó Chủ tịch"), or None."""
    folded = re.sub(r"^p\.\s*", "pho ", fold(line))
    return TITLES.get(folded)


# Names of bodies as they are written, for titles printed in capitals.
BODY_NAMES = (
    ("ủy ban nhân dân", "Ủy ban nhân dân"),
    ("mặt trận tổ quốc", "Mặt trận Tổ quốc"),
    ("liên đoàn lao động", "Liên đoàn Lao động"),
    ("hội nông dân", "Hội Nông dân"),
    ("hội liên hiệp phụ nữ", "Hội Liên hiệp Phụ nữ"),
    ("hội cựu giáo chức", "Hội Cựu giáo chức"),
    ("ngành giáo dục", "ngành Giáo dục"),
    ("tỉnh đoàn", "Tỉnh Đoàn"),
    ("thành đoàn", "Thành Đoàn"),
    ("đoàn thanh niên", "Đoàn Thanh niên"),
    ("phòng văn hóa - xã hội", "Phòng Văn hóa - Xã hội"),
)
PLACE_PREFIX = r"(tỉnh|thành phố|huyện|thị xã|quận|xã|phường|thị trấn)"
PLACE_STOP = {"năm", "giai", "và", "giữa", "về", "với", "của", "trong", "đến", "từ", "các", "nhiệm", "lần"}


def recase(text: str) -> str:
    """Sentence case for a title printed in capitals, keeping the capitals of
    organisation and place names: "HỘI KHUYẾN HỌC TỈNH BẾN TRE" -> "Hội Khuyến học tỉnh Bến Tre"."""
    if not _is_caps(text):
        return text
    words = text.lower().split()
    out = []
    capitalise = 0  # how many more words of a place name to capitalise
    index = 0
    while index < len(words):
        word = words[index]
        pair = " ".join(words[index : index + 2])
        if pair in {"thành phố", "thị xã", "thị trấn"}:
            out += words[index : index + 2]
            index += 2
            capitalise = 4
            continue
        if re.fullmatch(PLACE_PREFIX, word):
            capitalise = 4
        elif capitalise and word not in PLACE_STOP and not word[0].isdigit():
            word = word[:1].upper() + word[1:]
            capitalise -= 1
        else:
            capitalise = 0
        if pair in {"đào tạo", "khuyến học"}:  # a place may follow the name of a body
            out += words[index : index + 2]
            index += 2
            capitalise = 4
            continue
        out.append(word)
        index += 1
    result = " ".join(out)
    result = re.sub(
        r"\b(sở|phòng|bộ) giáo dục( và | & | - |-| – )đào tạo",
        lambda m: f"{m.group(1).capitalize()} Giáo dục{m.group(2)}Đào tạo",
        result,
    )
    result = re.sub(
        r"\b(sở|phòng|bộ) (gd|giáo dục)\b",
        lambda m: f"{m.group(1).capitalize()} {m.group(2).upper() if m.group(2) == 'gd' else 'Giáo dục'}",
        result,
    )
    result = re.sub(r"\bhội khuyến học\b", "Hội Khuyến học", result)
    for lower, cased in BODY_NAMES:
        result = re.sub(rf"\b{lower}\b", cased, result, flags=re.I)
    result = re.sub(r"\bviệt nam\b", "Việt Nam", result)
    result = re.sub(r"\b(gd|đt|hkh|ubnd|btv|tp|tw)\b", lambda m: m.group(1).upper(), result)
    return result[:1].upper() + result[1:]
