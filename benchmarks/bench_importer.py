"""How long the plan parser takes on a long plan.

    .venv/bin/python benchmarks/bench_importer.py

Builds a plan of about 30 printed pages (the head of the Hòa Bình plan,
then 15 sections of party headings and numbered and bulleted items in the
seed documents' styles, with targets, page breaks and Markdown), parses it
several times and prints the median and the slowest time. Aim: well under
one second.

Then measures how well it reads the test documents in
programmes/tests/documents/ against their hand-checked ``expected.json``. A
commitment found is matched to an expected one by its first six words:
recall is the share of expected commitments found, precision the share of
found ones that are expected; of the matched ones, party accuracy is the
share with the right party code and party name (and with the right code
alone), numbering accuracy the
share with the right number. A document the parser refuses counts as
nothing found.
"""

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from programmes.importer.errors import NotAPlan  # noqa: E402
from programmes.importer.parser import parse_plan  # noqa: E402

DOCUMENTS = ROOT / "programmes" / "tests" / "documents"

ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
    "XXI",
    "XXII",
    "XXIII",
    "XXIV",
]
SENTENCE = (
    "Chỉ đạo các cơ quan, đơn vị, trường học và các cơ sở giáo dục tạo điều kiện để các Ban Khuyến học, chi hội "
    "khuyến học hoạt động, phấn đấu {n}% trở lên các trường đạt “Đơn vị học tập” vào cuối năm 2026; vận động quỹ "
    "khuyến học đạt 32.000 đ/ 1 người/năm và tổ chức Ngày Khuyến học 2/10 hàng năm, động viên phong trào khuyến "
    "học, khuyến tài trong xã hội"
)


def long_plan() -> str:
    seed = next((ROOT / "programmes" / "tests" / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    head = seed.split("## **II.")[0]
    tail = seed[seed.index("**HỘI KHUYẾN HỌC TỈNH HÒA BÌNH**") :]
    parts = [head]
    for index, roman in enumerate(ROMAN[1:16], start=1):
        parts.append(f"## **{roman}. NỘI DUNG PHỐI HỢP THỨ {index}**\n")
        parts.append("### **1. Sở Giáo dục và Đào tạo**\n")
        for item in range(1, 7):
            parts.append(f"**1.{item}.** {SENTENCE.format(n=80 + item)}; thực hiện ở\n\ncác huyện, thành phố.\n")
        parts.append("2-Hội Khuyến học tỉnh:\n")
        for _item in range(6):
            parts.append(f"- {SENTENCE.format(n=70)}.\n")
    parts.append(tail)
    return "\n".join(parts)


def opening(text: str) -> str:
    return " ".join(text.split()[:6])


def score(name: str, expected: dict) -> Counter:
    """Counts for one document: expected, found, matched, right party, right number."""
    try:
        found = parse_plan((DOCUMENTS / name).read_text(encoding="utf-8")).commitments
    except NotAPlan:
        found = []
    wanted = {words: item for words, item in zip(expected["openings"], expected["commitments"])}
    counts = Counter(expected=len(wanted), found=len(found))
    for commitment in found:
        item = wanted.pop(opening(commitment.text), None)
        if item is None:
            continue
        counts["matched"] += 1
        counts["code"] += commitment.party == item[1]
        counts["party"] += [commitment.party, getattr(commitment, "party_name", None)] == item[1:]
        counts["number"] += commitment.number == item[0]
    return counts


def accuracy() -> None:
    expected = json.loads((DOCUMENTS / "expected.json").read_text(encoding="utf-8"))
    total = sum((score(name, item) for name, item in sorted(expected.items())), Counter())
    matched = total["matched"] or 1
    print(
        f"{len(expected)} test documents, {total['expected']} commitments: "
        f"recall {total['matched'] / total['expected']:.0%}, precision {total['matched'] / (total['found'] or 1):.0%}, "
        f"party accuracy {total['party'] / matched:.0%} (code alone {total['code'] / matched:.0%}), "
        f"numbering accuracy {total['number'] / matched:.0%}"
    )


def main() -> None:
    text = long_plan()
    words = len(text.split())
    times = []
    for _run in range(7):
        start = time.perf_counter()
        plan = parse_plan(text)
        times.append(time.perf_counter() - start)
    print(
        f"plan of {words} words (~{words / 500:.0f} pages), {len(plan.commitments)} commitments, "
        f"{sum(len(c.indicators) for c in plan.commitments)} indicators"
    )
    print(f"parse time: median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms")
    accuracy()


if __name__ == "__main__":
    main()
