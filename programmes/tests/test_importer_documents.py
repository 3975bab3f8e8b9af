"""The parser against documents written for these tests (programmes/tests/documents/):
ward and commune programmes in articles, three-party programmes, programmes with the
Youth Union, the Labour Federation and other mass organisations, responsibility
headings with "+" bullets, "Về phía ..." headings, and text taken from a PDF with its
page breaks. ``expected.json`` holds, for each, the parties (name, kind, signatory),
every commitment (number, party code, party name) and text that must not be a
commitment (purposes, requirements, introductions, page furniture)."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from programmes.importer.parser import fold, parse_plan
from programmes.importer.parser.parties import KINDS, party_codes, party_kind, title_parties
from programmes.importer.parser.text import drop_page_furniture

DOCUMENTS = Path(__file__).resolve().parent / "documents"
EXPECTED = json.loads((DOCUMENTS / "expected.json").read_text(encoding="utf-8"))


def document(name: str) -> str:
    return (DOCUMENTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_party_is_found_with_its_kind_and_signatory(name):
    plan = parse_plan(document(name))
    assert [[p.name, p.kind, p.signatory] for p in plan.party_details] == EXPECTED[name]["parties"]
    assert plan.parties == [p[0] for p in EXPECTED[name]["parties"]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_commitment_has_its_number_party_and_party_name(name):
    plan = parse_plan(document(name))
    assert [[c.number, c.party, c.party_name] for c in plan.commitments] == EXPECTED[name]["commitments"]
    assert [" ".join(c.text.split()[:6]) for c in plan.commitments] == EXPECTED[name]["openings"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_aims_introductions_and_page_furniture_are_not_commitments(name):
    plan = parse_plan(document(name))
    texts = [fold(c.text) for c in plan.commitments]
    for phrase in EXPECTED[name]["not_commitments"]:
        assert not any(fold(phrase) in text for text in texts), phrase
    for number, words in EXPECTED[name].get("texts", {}).items():
        assert words in next(c.text for c in plan.commitments if c.number == number)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_numbers_are_unique_and_readable(name):
    numbers = [c.number for c in parse_plan(document(name)).commitments]
    assert len(set(numbers)) == len(numbers)
    assert not any("'" in number for number in numbers)


def test_lettered_purposes_and_requirements_of_an_article_go_to_the_plan():
    plan = parse_plan(document("ward_articles_1.txt"))
    assert [p[:20] for p in plan.purposes] == ["Nâng cao nhận thức c", "Huy động mọi nguồn l"]
    assert [r[:20] for r in plan.requirements] == ["Việc phối hợp phải t", "Có đánh giá, rút kin"]
    assert [(s.number, s.title) for s in plan.sections][:2] == [
        ("2", "Nội dung phối hợp"),
        ("3", "Trách nhiệm của Ủy ban nhân dân phường"),
    ]


def test_an_article_of_requirements_alone_gives_requirements():
    plan = parse_plan(document("commune_articles_3.txt"))
    assert len(plan.purposes) == 1 and len(plan.requirements) == 2


def test_a_clause_that_is_a_sentence_is_a_commitment_and_heads_its_lettered_items():
    plan = parse_plan(document("ward_articles_2.txt"))
    clause = next(c for c in plan.commitments if c.number == "3.1")
    assert clause.text.startswith("Tham mưu Ủy ban nhân dân phường")
    assert "Tổng hợp danh sách" not in clause.text


def test_the_json_output_keeps_its_interface_and_adds_party_details(capsys):
    call_command("import_plan", str(DOCUMENTS / "three_party_2.txt"), "--dry-run", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["parties"] == ["Hội Khuyến học tỉnh", "Hội Nông dân tỉnh", "Hội Liên hiệp Phụ nữ tỉnh Cà Mau"]
    assert data["party_details"][1] == {"name": "Hội Nông dân tỉnh", "kind": "farmers_union", "signatory": "Tạ Văn Lộc"}
    assert {c["party"] for c in data["commitments"]} == {"joint", "association", "department", "other"}
    for commitment in data["commitments"]:
        assert {"number", "text", "party", "party_name"} <= set(commitment)
        assert commitment["party_name"] in data["parties"] or commitment["party"] == "joint"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Sở Giáo dục và Đào tạo", "education"),
        ("Phòng GD&ĐT thành phố Mỹ Tho", "education"),
        ("Hội Khuyến học xã Phú Lộc", "association"),
        ("Ủy ban nhân dân phường Tân An", "people_committee"),
        ("UBND xã Ea Kar", "people_committee"),
        ("Phòng Văn hóa - Xã hội phường Hòa Lợi", "people_committee"),
        ("Tỉnh Đoàn Lâm Đồng", "youth_union"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Tân Hưng", "youth_union"),
        ("Đoàn phường Phú Mỹ", "youth_union"),
        ("Liên đoàn Lao động tỉnh Đồng Nai", "labour_federation"),
        ("Công đoàn ngành Giáo dục tỉnh", "labour_federation"),
        ("Hội Nông dân tỉnh", "farmers_union"),
        ("Hội Liên hiệp Phụ nữ tỉnh Cà Mau", "womens_union"),
        ("Hội Cựu giáo chức tỉnh Ninh Bình", "veteran_teachers"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "fatherland_front"),
        ("Hội Cựu chiến binh xã", "other"),
        ("Kế hoạch giai đoạn 2026 - 2030", "other"),
    ],
)
def test_party_kind(name, kind):
    assert party_kind(name) == kind
    assert kind in KINDS


def test_the_codes_of_a_three_party_plan():
    names = ["Hội Cựu giáo chức tỉnh", "Hội Khuyến học tỉnh", "Sở GD&ĐT"]
    assert party_codes(names) == {
        "Hội Khuyến học tỉnh": "association",
        "Sở GD&ĐT": "department",
        "Hội Cựu giáo chức tỉnh": "other",
    }


def test_a_title_names_three_parties():
    title = "Chương trình phối hợp giữa Sở Giáo dục và Đào tạo, Hội Khuyến học tỉnh và Hội Cựu giáo chức tỉnh năm 2026"
    assert title_parties(title) == ["Sở Giáo dục và Đào tạo", "Hội Khuyến học tỉnh", "Hội Cựu giáo chức tỉnh"]


def test_page_numbers_and_a_running_header_are_dropped_but_repeated_signature_lines_stay():
    lines = [
        "1. Vận động học sinh đến",
        "- 2 -",
        "Kế hoạch số 5",
        "trường.",
        "CHỦ TỊCH",
        "Kế hoạch số 5",
        "3",
        "Hết.",
        "CHỦ TỊCH",
    ]
    assert drop_page_furniture(lines) == ["1. Vận động học sinh đến", "trường.", "CHỦ TỊCH", "Hết.", "CHỦ TỊCH"]
