import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import make_plan
from programmes.models import Plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def plan_data(world, **overrides):
    data = {
        "kind": "ke_hoach",
        "number": "15/KH-SGDĐT-HKH",
        "title": "Kế hoạch phối hợp công tác khuyến học năm 2026",
        "area": world.province.pk,
        "signed_on": "2026-01-15",
        "place": "Phú Thọ",
        "start_year": "2026",
        "end_year": "2030",
        "parent": "",
        "review_cadence": "semi_annual",
        "legal_bases": "Căn cứ Kết luận số 49-KL/TW\nCăn cứ Quyết định số 1373/QĐ-TTg",
        "purposes": "",
        "requirements": "",
        "recipients": "UBND tỉnh\nLưu VT",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "6",
        "parties-0-organisation": world.department.pk,
        "parties-0-signatory_name": "Nguyễn Văn A",
        "parties-0-signatory_title": "Phó Giám đốc",
        "parties-0-signing_capacity": "KT. GIÁM ĐỐC",
        "parties-1-organisation": world.association.pk,
        "parties-1-signatory_name": "Trần Thị B",
        "parties-1-signatory_title": "Chủ tịch",
        "parties-1-signing_capacity": "TM. BAN THƯỜNG VỤ",
    }
    data.update(overrides)
    return data


def test_editor_creates_a_plan_with_its_parties_and_goes_to_the_commitments(client, world, editor):
    client.force_login(editor)
    response = client.post(reverse("programmes:plan_create"), plan_data(world))
    plan = Plan.objects.get(number="15/KH-SGDĐT-HKH")
    assert response["Location"] == reverse("programmes:commitments", args=[plan.pk])
    assert plan.status == Plan.Status.DRAFT
    assert plan.created_by == editor
    assert [p.organisation for p in plan.parties.all()] == [world.department, world.association]
    assert plan.parties.first().signing_capacity == "KT. GIÁM ĐỐC"
    assert plan.legal_basis_list() == ["Kết luận số 49-KL/TW", "Quyết định số 1373/QĐ-TTg"]
    page = client.get(reverse("programmes:plan_detail", args=[plan.pk])).content.decode()
    assert "Căn cứ Kết luận số 49-KL/TW;" in page


def test_a_duplicate_number_in_the_same_area_is_refused_beside_the_field(client, world, editor, plan):
    client.force_login(editor)
    response = client.post(reverse("programmes:plan_create"), plan_data(world, number=plan.number))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đã có kế hoạch khác của địa bàn này mang số này." in page
    assert 'id="error_1_id_number"' in page
    assert "Kế hoạch phối hợp công tác khuyến học năm 2026" in page  # what was typed is kept
    assert Plan.objects.count() == 1


def test_the_same_number_is_fine_in_another_area(client, world, outsider, plan):
    client.force_login(outsider)
    data = plan_data(world, number=plan.number, area=world.other_province.pk)
    data["parties-0-organisation"] = world.other_department.pk
    data["parties-TOTAL_FORMS"] = "1"
    response = client.post(reverse("programmes:plan_create"), data)
    assert response.status_code == 302
    assert Plan.objects.filter(number=plan.number).count() == 2


def test_a_period_ending_before_it_starts_is_refused(client, world, editor):
    client.force_login(editor)
    response = client.post(reverse("programmes:plan_create"), plan_data(world, start_year="2030", end_year="2026"))
    assert "Giai đoạn không thể kết thúc trước khi bắt đầu." in response.content.decode()
    assert not Plan.objects.exists()


def test_a_plan_needs_a_party(client, world, editor):
    client.force_login(editor)
    data = plan_data(world, **{"parties-0-organisation": "", "parties-1-organisation": ""})
    response = client.post(reverse("programmes:plan_create"), data)
    assert "Hãy nêu ít nhất một bên ký kết kế hoạch." in response.content.decode()


def test_an_editor_cannot_issue_a_plan_for_another_province(client, world, editor):
    client.force_login(editor)
    response = client.post(reverse("programmes:plan_create"), plan_data(world, area=world.other_province.pk))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Plan.objects.exists()


def test_a_scan_is_accepted_as_pdf_and_served_only_to_readers(client, world, editor, reporter_b, outsider):
    client.force_login(editor)
    scan = SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf")
    client.post(reverse("programmes:plan_create"), {**plan_data(world), "scan": scan})
    plan = Plan.objects.get()
    plan.status = Plan.Status.IN_FORCE
    plan.save()
    url = reverse("programmes:plan_scan", args=[plan.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    client.force_login(reporter_b)  # a commune of the province reads its plans
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "content, message",
    [
        (b"MZ\x90\x00 this is a program", "Chỉ được đính kèm bản chụp dạng PDF hoặc ảnh"),
        (b"%PDF-1.4 truncated", "Tệp PDF này không đầy đủ hoặc bị hỏng."),
        (b"", "Tệp đã gửi đi trống rỗng."),
    ],
)
def test_a_scan_is_checked_by_its_content_not_its_name(client, world, editor, content, message):
    client.force_login(editor)
    scan = SimpleUploadedFile("ke-hoach.pdf", content, content_type="application/pdf")
    response = client.post(reverse("programmes:plan_create"), {**plan_data(world), "scan": scan})
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_an_oversized_scan_is_refused(client, world, editor, settings):
    settings.PLAN_SCAN_MAX_BYTES = 1024
    client.force_login(editor)
    scan = SimpleUploadedFile("ke-hoach.pdf", PDF + b"0" * 2048 + b"%%EOF", content_type="application/pdf")
    response = client.post(reverse("programmes:plan_create"), {**plan_data(world), "scan": scan})
    assert "giới hạn là 1,0" in response.content.decode() or "giới hạn là 1.0" in response.content.decode()
    assert not Plan.objects.exists()


def test_plan_page_reads_like_the_document(client, world, reviewer, plan):
    client.force_login(reviewer)
    page = client.get(reverse("programmes:plan_detail", args=[plan.pk])).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
    assert "1392/KH-SGD&amp;ĐT-HKH" in page
    assert "Đẩy mạnh công tác thông tin, tuyên truyền" in page
    assert 'class="badge party-joint"' in page and 'class="badge party-association"' in page
    assert "Sửa kế hoạch" not in page  # a reviewer reads, does not edit


def test_editor_sees_the_edit_actions(client, world, editor, plan):
    client.force_login(editor)
    page = client.get(reverse("programmes:plan_detail", args=[plan.pk])).content.decode()
    assert "Sửa kế hoạch" in page and "Sửa nội dung cam kết" in page


def test_search_ignores_diacritics_and_case(client, world, reviewer, plan):
    make_plan(world.province, world.department, number="7/CTr", title="Chương trình xây dựng xã hội học tập")
    client.force_login(reviewer)
    url = reverse("programmes:plan_list")
    page = client.get(url, {"query": "PHOI HOP cong tac"}).content.decode()
    assert plan.title in page and "Chương trình xây dựng xã hội học tập" not in page
    page = client.get(url, {"query": "khuyen hoc phu tho"}).content.decode()  # a party's name
    assert plan.title in page


def test_list_filters_by_status_kind_year_area_and_party(client, world, reviewer, plan):
    other = make_plan(
        world.province,
        world.association,
        number="9/CTr",
        title="Chương trình 2020",
        kind="chuong_trinh",
        start_year=2018,
        end_year=2020,
    )
    client.force_login(reviewer)
    url = reverse("programmes:plan_list")

    def titles(**params):
        page = client.get(url, params).content.decode()
        return {title for title in [plan.title, other.title] if title in page}

    assert titles(status="in_force") == {plan.title}
    assert titles(kind="chuong_trinh") == {other.title}
    assert titles(year="2019") == {other.title}
    assert titles(year="2014") == {plan.title}
    assert titles(party=world.department.pk) == {plan.title}
    assert titles(area=world.province.pk) == {plan.title, other.title}


def test_a_commune_reporter_reads_the_provincial_plan_but_not_its_drafts(client, world, reporter_a, plan):
    draft = make_plan(world.province, world.department, number="99/KH", title="Dự thảo kế hoạch")
    client.force_login(reporter_a)
    page = client.get(reverse("programmes:plan_list")).content.decode()
    assert plan.title in page and draft.title not in page
    assert client.get(reverse("programmes:plan_detail", args=[draft.pk])).status_code == 404


def test_editor_changes_the_status_by_post(client, world, editor, plan):
    client.force_login(editor)
    response = client.post(reverse("programmes:plan_status", args=[plan.pk]), {"status": "ended"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "ended"


def test_an_empty_draft_cannot_come_into_force(client, world, editor):
    draft = make_plan(world.province, world.department, number="99/KH", title="Dự thảo")
    client.force_login(editor)
    response = client.post(reverse("programmes:plan_status", args=[draft.pk]), {"status": "in_force"}, follow=True)
    assert "Kế hoạch chưa có nội dung cam kết thì không thể có hiệu lực." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_editing_a_plan_is_recorded_in_its_history(client, world, editor, plan):
    client.force_login(editor)
    data = plan_data(world, number=plan.number, title="Kế hoạch phối hợp (sửa đổi)")
    data.update(
        {
            "parties-INITIAL_FORMS": "2",
            "parties-0-id": plan.parties.all()[0].pk,
            "parties-1-id": plan.parties.all()[1].pk,
        }
    )
    assert client.post(reverse("programmes:plan_edit", args=[plan.pk]), data).status_code == 302
    page = client.get(reverse("programmes:plan_history", args=[plan.pk])).content.decode()
    assert "Kế hoạch phối hợp (sửa đổi)" in page
    assert "Nguyễn Văn Biên" in page  # who
    assert "Kế hoạch phối hợp công tác giai đoạn 2012-2016" in page  # what it was


@pytest.mark.parametrize("number", ["05/KH-HKH", "05/kh-hkh"])  # the first was an IntegrityError, a 500
def test_deriving_with_a_number_the_area_already_uses_is_a_form_error_beside_the_number(
    client, world, editor, plan, number
):
    taken = make_plan(world.commune_a, world.unit_a, number="05/KH-HKH", title="Kế hoạch của phường")
    client.force_login(editor)
    data = {"area": world.commune_a.pk, "title": "Kế hoạch thực hiện", "number": number, "parties": [world.unit_a.pk]}
    response = client.post(reverse("programmes:plan_derive", args=[plan.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors == {"number": ["Đã có kế hoạch khác của địa bàn này mang số này."]}
    assert list(Plan.objects.filter(area=world.commune_a)) == [taken]


def test_a_number_that_differs_only_in_case_is_the_same_number_on_the_page_and_in_the_database(
    client, world, editor, plan
):
    import string

    from django.db import IntegrityError, connection, transaction

    # SQLite (the first look) folds only ASCII letters; PostgreSQL folds "Đ" too.
    ascii_lower = plan.number.translate(str.maketrans(string.ascii_uppercase, string.ascii_lowercase))
    variants = [ascii_lower, plan.number.lower()] if connection.vendor == "postgresql" else [ascii_lower]
    client.force_login(editor)
    for number in variants:
        response = client.post(reverse("programmes:plan_create"), plan_data(world, number=number))
        assert "Đã có kế hoạch khác của địa bàn này mang số này." in response.content.decode()
        assert Plan.number_taken(plan.area, number) and not Plan.number_taken(plan.area, number, exclude_pk=plan.pk)
        # What slips past the pages (a shell, a script) meets the same rule in the database.
        with pytest.raises(IntegrityError), transaction.atomic():
            Plan.objects.create(area=plan.area, number=number, title="Bản sao", kind=plan.kind)
    assert not Plan.number_taken(plan.area, "")
    assert Plan.objects.count() == 1
