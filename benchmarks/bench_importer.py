"""How long the plan parser takes on a long plan.

    .venv/bin/python benchmarks/bench_importer.py

Builds a plan of about 30 printed pages (the head of the Hòa Bình plan,
then 15 sections of party headings and numbered and bulleted items in the
seed documents' styles, with targets, page breaks and Markdown), parses it
several times and prints the median and the slowest time. Aim: well under
one second.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from programmes.importer.parser import parse_plan  # noqa: E402

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


if __name__ == "__main__":
    main()
