import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_organisation
from programmes.models import Commitment, Plan

SEEDS = Path(__file__).resolve().parent / "seeds"


def seed(name):
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def hoa_binh(world):
    """The Hòa Bình units of the world's historical province, as the demo has them."""
    department = make_organisation("Sở Giáo dục và Đào tạo tỉnh Hòa Bình", world.historical_province, "education")
    association = make_organisation("Hội Khuyến học tỉnh Hòa Bình", world.historical_province)
    return department, association


def form_values(page: str) -> dict:
    """The values of the inputs, selects and textareas of an HTML form, as a browser would submit them."""
    import html
    import re

    values = {}
    for name, value in re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', page):
        values[name] = html.unescape(value)
    for name in re.findall(r'<input[^>]*?name="([^"]+)"(?![^>]*value=)[^>]*>', page):
        values.setdefault(name, "")
    for name, body in re.findall(r'<textarea[^>]*?name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = html.unescape(body).lstrip("\n")
    for name, attributes, body in re.findall(r'<select[^>]*?name="([^"]+)"([^>]*)>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        if selected or " multiple" not in attributes:  # a browser sends nothing for a multiple with none chosen
            values[name] = html.unescape(selected.group(1)) if selected else ""
    for name in [n for n, v in values.items() if n.endswith("-DELETE")]:
        values.pop(name)
    values.pop("csrfmiddlewaretoken", None)
    return values


def test_paste_review_and_save_the_hoa_binh_plan(client, world, editor, hoa_binh):
    department, association = hoa_binh
    client.force_login(editor)
    url = reverse("programmes:plan_import")
    response = client.post(url, {"text": seed("001")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kiểm tra kế hoạch đã đọc" in page
    assert not Plan.objects.exists()  # nothing is written before the confirmation
    data = form_values(page)
    assert data["plan-number"] == "1392/KH-SGD&ĐT-HKH"
    assert data["plan-area"] == str(world.historical_province.pk)  # Hòa Bình before the reform
    assert {data["parties-0-organisation"], data["parties-1-organisation"]} == {str(department.pk), str(association.pk)}
    assert data["commitments-TOTAL_FORMS"] == "21"
    data["commitments-0-party"] = "department"  # the reviewer corrects one party
    data["confirm"] = "1"
    response = client.post(url, data)
    plan = Plan.objects.get()
    assert response["Location"] == reverse("programmes:plan_detail", args=[plan.pk])
    assert plan.status == "draft" and plan.number == "1392/KH-SGD&ĐT-HKH"
    assert plan.commitments.count() == 21
    assert plan.commitments.get(number="II.1").party == "department"
    assert plan.commitments.get(number="2.6").party == "association"
    assert [s.number for s in plan.sections.order_by("order")] == ["II", "III", "IV"]
    assert plan.parties.get(organisation=association).signatory_name == "Quách Thế Tân"
    assert len(plan.legal_basis_list()) == 4


def test_the_thuan_an_targets_become_indicators(client, world, editor):
    client.force_login(editor)
    url = reverse("programmes:plan_import")
    page = client.post(url, {"text": seed("003")}).content.decode()
    data = form_values(page)
    assert data["indicators-TOTAL_FORMS"] == "3"
    data.update(
        {
            "plan-area": world.province.pk,
            "parties-0-organisation": world.association.pk,
            "parties-1-organisation": world.department.pk,
            "confirm": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment = Commitment.objects.get(number="2.1.3")
    assert sorted(commitment.indicators.values_list("target_value", flat=True)) == [85, 32000]


def test_a_news_article_is_refused_and_nothing_is_saved(client, world, editor):
    client.force_login(editor)
    response = client.post(reverse("programmes:plan_import"), {"text": seed("002")})
    page = response.content.decode()
    assert "Văn bản này có vẻ là một bài báo, không phải kế hoạch phối hợp." in page
    assert seed("002")[:200].split("\n")[-1][:40] in page or "CÔNG TÁC PHỐI HỢP" in page  # the text is kept
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "empty.txt", "Tệp đã gửi đi trống rỗng."),
        (
            b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
            "plan.docx",
            "Tệp này không phải văn bản, Word (.docx) hay PDF.",
        ),
        (b"PK\x03\x04 broken zip", "plan.docx", None),
        (b"%PDF-1.4 garbage", "plan.pdf", "Tệp này bị hỏng, không đọc được."),
    ],
)
def test_bad_files_get_one_clear_line_and_nothing_is_saved(client, world, editor, content, name, message):
    client.force_login(editor)
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("programmes:plan_import"), {"document": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="error_1_id_document"' in page
    if message:
        assert message in page
    assert not Plan.objects.exists()


def test_an_oversized_file_is_refused(client, world, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("plan.txt", b"a" * (5 * 1024 * 1024 + 1))
    response = client.post(reverse("programmes:plan_import"), {"document": upload})
    assert "giới hạn là 5,0" in response.content.decode() or "giới hạn là 5.0" in response.content.decode()


def test_a_utf16_text_file_is_read(client, world, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("plan.txt", seed("003").encode("utf-16"))
    response = client.post(reverse("programmes:plan_import"), {"document": upload})
    assert form_values(response.content.decode())["plan-number"] == "06/HKH-PGD"


def test_an_invalid_preview_keeps_everything_and_saves_nothing(client, world, editor):
    client.force_login(editor)
    url = reverse("programmes:plan_import")
    data = form_values(client.post(url, {"text": seed("003")}).content.decode())
    data.update(
        {
            "plan-area": world.province.pk,
            "parties-0-organisation": world.association.pk,
            "parties-1-organisation": world.department.pk,
            "confirm": "1",
        }
    )
    data["commitments-1-number"] = data["commitments-0-number"]  # a duplicate number
    data["commitments-2-text"] = "Nội dung đã sửa trong bản xem trước"
    page = client.post(url, data).content.decode()
    assert "Đã có nội dung cam kết khác của kế hoạch này mang số này." in page
    assert "Nội dung đã sửa trong bản xem trước" in page
    assert not Plan.objects.exists()


def test_import_plan_command_prints_json_for_a_plan(capsys, db):
    from django.core.management import call_command

    call_command("import_plan", str(next(SEEDS.glob("001_*.txt"))), "--dry-run", "--format", "json")
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "ke_hoach" and data["number"] == "1392/KH-SGD&ĐT-HKH"
    assert data["signed_on"] == "2012-07-24" and data["period"] == [2012, 2016]
    assert len(data["commitments"]) == 21 and data["commitments"][0] == {
        **data["commitments"][0],
        "number": "II.1",
        "party": "joint",
    }
    assert data["signatories"][0]["name"] == "Quách Thế Tân"


def test_import_plan_command_fails_in_one_line_for_a_news_article(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "import_plan",
            str(next(SEEDS.glob("004_*.txt"))),
            "--dry-run",
            "--format",
            "json",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "bài báo" in result.stderr


def test_import_plan_command_saves_a_draft_for_an_area(db, world, capsys):
    from django.core.management import call_command

    call_command("import_plan", str(next(SEEDS.glob("003_*.txt"))), "--area", world.province.code)
    plan = Plan.objects.get(number="06/HKH-PGD")
    assert plan.status == "draft" and plan.area == world.province
    assert plan.commitments.count() == 15
    assert {p.organisation for p in plan.parties.all()} == {world.association, world.department}
    assert "Saved draft plan" in capsys.readouterr().out


def test_a_word_document_with_automatic_numbering_is_imported(client, world, editor):
    """Word keeps "1." and "a)" in its numbering, not in the text: the reader puts them back."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Số: 15/KH-HKH-SGD")
    document.add_paragraph("Phú Thọ, ngày 3 tháng 3 năm 2026")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phối hợp công tác năm 2026 giữa Sở Giáo dục và Đào tạo và Hội Khuyến học tỉnh Phú Thọ")
    document.add_paragraph("I. PHÂN CÔNG TRÁCH NHIỆM")
    document.add_paragraph("Sở Giáo dục và Đào tạo", style="List Number")
    document.add_paragraph("Chỉ đạo các trường thành lập chi hội khuyến học.", style="List Bullet")
    document.add_paragraph("Hội Khuyến học tỉnh", style="List Number")
    document.add_paragraph(
        "Trao học bổng cho học sinh nghèo vượt khó, phấn đấu ít nhất 2.000 suất học bổng.", style="List Bullet"
    )
    document.add_paragraph("GIÁM ĐỐC")
    document.add_paragraph("Nguyễn Văn Biên")
    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(editor)
    upload = SimpleUploadedFile("ke-hoach.docx", buffer.getvalue())
    page = client.post(reverse("programmes:plan_import"), {"document": upload}).content.decode()
    data = form_values(page)
    assert data["plan-number"] == "15/KH-HKH-SGD"
    assert [(data[f"commitments-{i}-number"], data[f"commitments-{i}-party"]) for i in range(2)] == [
        ("I.1.1", "department"),
        ("I.2.1", "association"),
    ]
    assert data["indicators-0-target_value"] == "2.000"


def test_a_wards_editor_imports_its_programme_with_both_parties_matched_and_named(client, world):
    """Since the 2025 reform a ward's programme is signed by its people's committee and its
    association: the ward's editor gets both matched, the ward as the area, and each commitment's
    party offered by name; the partners' commitments saved as the education side's."""
    from conftest import make_user
    from programmes.models import Membership

    committee = make_organisation("Ủy ban nhân dân phường Hòa Bình", world.commune_a, "education")
    association = world.unit_a  # Hội Khuyến học phường Hòa Bình
    editor = make_user("ward_editor", (committee, Membership.Role.EDITOR))
    text = (Path(__file__).resolve().parent / "documents" / "ward_articles_1.txt").read_text(encoding="utf-8")
    text = text.replace("Tân An", "Hòa Bình")  # the document's ward, as the world names it
    client.force_login(editor)
    page = client.post(reverse("programmes:plan_import"), {"text": text}).content.decode()
    data = form_values(page)
    assert {data["parties-0-organisation"], data["parties-1-organisation"]} == {str(committee.pk), str(association.pk)}
    assert data["plan-area"] == str(world.commune_a.pk)
    assert f'<option value="department" selected>{committee.name}</option>' in page
    assert f'<option value="association">{association.name}</option>' in page

    response = client.post(reverse("programmes:plan_import"), {**data, "confirm": "1"})
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert plan.commitments.get(number="3.2.đ").party == "department"
    assert plan.commitments.get(number="4.1").party == "association"


def test_the_preview_names_no_party_the_user_may_not_see(client, world, editor, hoa_binh):
    client.force_login(editor)
    page = client.post(reverse("programmes:plan_import"), {"text": seed("001")}).content.decode()
    data = form_values(page)
    data["parties-0-organisation"] = str(world.other_department.pk)  # altered in the page
    data["plan-number"] = ""  # invalid, so the preview comes back
    page = client.post(reverse("programmes:plan_import"), {**data, "confirm": "1"}).content.decode()
    assert "Kiểm tra kế hoạch đã đọc" in page and not Plan.objects.exists()
    assert world.other_department.name not in page


def test_the_preview_says_who_leads_joint_work_and_who_takes_part_and_the_save_keeps_it(client, world, editor):
    from programmes.models import Organisation

    veterans = Organisation.objects.create(
        name="Hội Cựu giáo chức tỉnh Phú Thọ", area=world.province, kind=Organisation.Kind.VETERAN_TEACHERS
    )
    text = (Path(__file__).resolve().parent / "documents" / "three_party_4.txt").read_text(encoding="utf-8")
    client.force_login(editor)
    page = client.post(reverse("programmes:plan_import"), {"text": text.replace("Gia Lai", "Phú Thọ")}).content
    page = page.decode()
    joint = re.findall(r'data-testid="import-joint">(.*?)</p>', page, re.S)
    said = [" ".join(re.sub(r"<[^>]+>", " ", j).split()) for j in joint]
    assert said == [
        f"Chủ trì: {world.association.name} Cùng thực hiện: {veterans.name}",
        f"Chủ trì: {world.department.name} Cùng thực hiện: {world.association.name}",
    ]

    client.post(reverse("programmes:plan_import"), {**form_values(page), "confirm": "1"})
    saved = Plan.objects.get().commitments.get(number="4.1")
    assert (saved.party, saved.lead, list(saved.supporters.all())) == ("joint", "association", [veterans])
