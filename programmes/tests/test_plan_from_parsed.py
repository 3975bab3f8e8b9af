"""The import command and the preview make the same plan of the same document.

Both turn a parsed document into plan data through ``plan_from_parsed``. Until they shared it,
they matched parties differently: the command ignored the signature blocks, so a document that
names its parties only where it is signed gave a plan without parties, and two headings for one
organisation gave it twice in the preview.
"""

from datetime import date

import pytest
from django.core.management import call_command

from programmes.import_forms import ImportPreview
from programmes.importer.parser.data import ParsedCommitment, ParsedPlan, Signatory
from programmes.importer.targets import ParsedIndicator
from programmes.management.commands import import_plan
from programmes.models import Plan
from programmes.services.imports import plan_from_parsed


def _document(**changes) -> ParsedPlan:
    """A programme between the province's education office and association, as the parser reads it."""
    fields = {
        "kind": "chuong_trinh",
        "title": "Chương trình phối hợp xây dựng xã hội học tập giai đoạn 2026-2030",
        "number": "07/CTr-SGDĐT-HKH",
        "signed_on": date(2026, 2, 3),
        "place": "Phú Thọ",
        "period": (2026, 2030),
        "commitments": [
            ParsedCommitment(
                "1.1", "Chỉ đạo các trường học gắn với học tập suốt đời.", "department", section="II. Nội dung"
            ),
            ParsedCommitment(
                "2.1",
                "Vận động quỹ khuyến học.",
                "association",
                section="II. Nội dung",
                indicators=[ParsedIndicator("Quỹ khuyến học", 5_000_000_000, "vnd")],
            ),
        ],
        "signatories": [
            Signatory("Nguyễn Thị Lan", "Giám đốc", "", "Sở Giáo dục và Đào tạo tỉnh Phú Thọ"),
            Signatory("Lê Văn Hùng", "Chủ tịch", "TM. Ban Thường vụ", "Hội Khuyến học tỉnh Phú Thọ"),
        ],
    }
    return ParsedPlan(**{**fields, **changes})


def _from_the_command(parsed, world, monkeypatch, tmp_path) -> Plan:
    monkeypatch.setattr(import_plan, "parse_plan", lambda text: parsed)
    monkeypatch.setattr(import_plan, "read_document", lambda data, name: "")
    path = tmp_path / "chuong-trinh.txt"
    path.write_text("(read by the parser stand-in)", encoding="utf-8")
    call_command("import_plan", str(path), "--area", world.province.code)
    return Plan.objects.get(number=parsed.number)


def _from_the_preview(parsed, editor) -> list:
    preview = ImportPreview.from_parsed(parsed, user=editor)
    return [form.initial.get("organisation") for form in preview.parties.forms]


@pytest.mark.parametrize(
    "changes",
    [
        {},  # parties named only in the signature blocks
        {"parties": ["Sở GD&ĐT", "Hội Khuyến học tỉnh"]},  # abbreviated in the heading
        {"parties": ["Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Hội Khuyến học"]},  # one organisation named twice
    ],
    ids=["signatures only", "abbreviated", "named twice"],
)
def test_the_command_and_the_preview_give_the_same_parties(world, editor, monkeypatch, tmp_path, changes):
    parsed = _document(**changes)
    previewed = _from_the_preview(parsed, editor)
    saved = _from_the_command(parsed, world, monkeypatch, tmp_path)
    assert [pk for pk in previewed if pk] == [p.organisation_id for p in saved.parties.order_by("pk")]
    assert {p.organisation for p in saved.parties.all()} == {world.department, world.association}
    signatories = {p.organisation: p.signatory_name for p in saved.parties.all()}
    assert signatories == {world.department: "Nguyễn Thị Lan", world.association: "Lê Văn Hùng"}


def test_the_plans_fields_and_commitments_come_from_the_document(world):
    imported = plan_from_parsed(_document(), organisations=[world.department, world.association], area=world.province)
    assert imported.fields["number"] == "07/CTr-SGDĐT-HKH" and imported.fields["start_year"] == 2026
    assert (
        imported.fields["kind"] == Plan.Kind.PROGRAMME and imported.fields["review_cadence"] == Plan.Cadence.SEMI_ANNUAL
    )
    assert [(c.number, c.party) for c in imported.commitments] == [("1.1", "department"), ("2.1", "association")]
    assert [(i.name, i.target_value) for i in imported.commitments[1].indicators] == [("Quỹ khuyến học", 5_000_000_000)]
    unknown_kind = plan_from_parsed(_document(kind="memo"), organisations=[], area=world.province)
    assert unknown_kind.fields["kind"] == Plan.Kind.OTHER and [p.organisation for p in unknown_kind.parties] == [
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("name", "partner_role"),
    [("youth_1.txt", "other"), ("labour_2.txt", "other"), ("ward_articles_1.txt", "department")],
)
def test_a_partners_commitments_are_the_partners_and_a_committees_the_education_sides(name, partner_role):
    """The document's code calls the non-association signatory of a two-party plan ``department``;
    in the plan, a Youth Union's or a Labour Federation's commitments are the partners' (its units
    report them), a people's committee's the education side's."""
    from pathlib import Path

    from programmes.importer.parser import parse_plan

    parsed = parse_plan((Path(__file__).resolve().parent / "documents" / name).read_text(encoding="utf-8"))
    imported = plan_from_parsed(parsed, organisations=[], area=None)
    partner = next(c for c in parsed.commitments if c.party == "department")
    roles = {c.number: c.party for c in imported.commitments}
    assert roles[partner.number] == partner_role
    assert {c.party for c in parsed.commitments if c.party in ("association", "joint")} <= set(roles.values())
    for parsed_one, imported_one in zip(parsed.commitments, imported.commitments, strict=True):
        if parsed_one.party in ("association", "joint"):
            assert imported_one.party == parsed_one.party
