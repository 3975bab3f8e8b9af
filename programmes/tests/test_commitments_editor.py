from django.urls import reverse

from conftest import make_commitment
from programmes.models import Commitment, Indicator, Section

HTMX = {"HTTP_HX_REQUEST": "true"}


def commitment_data(section, prefix="new", **overrides):
    data = {
        f"{prefix}-section": section.pk,
        f"{prefix}-number": "3",
        f"{prefix}-text": "Xây dựng mô hình Gia đình học tập, Dòng họ học tập",
        f"{prefix}-party": "association",
        f"{prefix}-lead": "",
        f"{prefix}-supporting": "",
        f"{prefix}-recurrence": "ongoing",
        f"{prefix}-deadline": "",
        f"{prefix}-yearly_day": "",
        f"{prefix}-yearly_month": "",
        f"{prefix}-reporting_levels": ["province", "commune"],
        f"{prefix}-indicators-TOTAL_FORMS": "1",
        f"{prefix}-indicators-INITIAL_FORMS": "0",
        f"{prefix}-indicators-MIN_NUM_FORMS": "0",
        f"{prefix}-indicators-MAX_NUM_FORMS": "20",
        f"{prefix}-indicators-0-name": "",
        f"{prefix}-indicators-0-unit": "",
        f"{prefix}-indicators-0-target_value": "",
        f"{prefix}-indicators-0-direction": "at_least",
        f"{prefix}-indicators-0-aggregation": "sum",
        f"{prefix}-indicators-0-due_date": "",
    }
    data.update(overrides)
    return data


def test_add_a_commitment_with_an_indicator_in_place(client, editor, plan):
    section = plan.sections.get()
    client.force_login(editor)
    url = reverse("programmes:commitment_create", args=[plan.pk])
    form = client.get(url, {"section": section.pk}, **HTMX)
    assert "<html" not in form.content.decode()  # a fragment, not a page
    data = commitment_data(
        section,
        **{
            "new-indicators-0-name": "Tỷ lệ hội viên trong chi hội các trường",
            "new-indicators-0-unit": "percent",
            "new-indicators-0-target_value": "85",
            "new-indicators-0-due_date": "2024-12-31",
        },
    )
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#editor-body"
    commitment = Commitment.objects.get(plan=plan, number="3")
    assert commitment.reporting_levels == ["province", "commune"]
    assert commitment.order == 3  # after the two already there
    indicator = commitment.indicators.get()
    assert indicator.target_value == 85 and indicator.unit == "percent"
    assert "Tỷ lệ hội viên trong chi hội các trường" in response.content.decode()


def test_a_vietnamese_figure_with_thousands_dots_is_read_right(client, editor, plan):
    section = plan.sections.get()
    client.force_login(editor)
    data = commitment_data(
        section,
        **{
            "new-indicators-0-name": "Quỹ khuyến học bình quân",
            "new-indicators-0-unit": "vnd_per_person_year",
            "new-indicators-0-target_value": "32.000",
        },
    )
    client.post(reverse("programmes:commitment_create", args=[plan.pk]), data, **HTMX)
    assert Indicator.objects.get().target_value == 32000


def test_a_duplicate_number_comes_back_beside_the_field_with_what_was_typed(client, editor, plan):
    section = plan.sections.get()
    client.force_login(editor)
    data = commitment_data(section, **{"new-number": "1"})
    response = client.post(reverse("programmes:commitment_create", args=[plan.pk]), data, **HTMX)
    page = response.content.decode()
    assert "Đã có nội dung cam kết khác của kế hoạch này mang số này." in page
    assert "Xây dựng mô hình Gia đình học tập, Dòng họ học tập" in page
    assert "HX-Retarget" not in response  # the form stays where it is
    assert plan.commitments.count() == 2


def test_commitment_rules_are_shown_beside_their_fields(client, editor, plan):
    section = plan.sections.get()
    client.force_login(editor)
    url = reverse("programmes:commitment_create", args=[plan.pk])
    page = client.post(url, commitment_data(section, **{"new-recurrence": "once"}), **HTMX).content.decode()
    assert "Nội dung thực hiện một lần cần có thời hạn." in page
    data = commitment_data(section, **{"new-recurrence": "yearly", "new-yearly_day": "30", "new-yearly_month": "2"})
    assert "Tháng này không có ngày đó." in client.post(url, data, **HTMX).content.decode()
    data = commitment_data(section, **{"new-lead": "department"})
    assert "Chỉ nội dung phối hợp mới có bên chủ trì." in client.post(url, data, **HTMX).content.decode()
    assert plan.commitments.count() == 2


def test_a_yearly_day_or_month_beyond_any_calendar_is_an_error_beside_the_field(client, editor, plan):
    """2**31 once overflowed the day-in-month check (a 500); 40000 would overflow PostgreSQL's smallint."""
    section = plan.sections.get()
    client.force_login(editor)
    url = reverse("programmes:commitment_create", args=[plan.pk])
    for day, month in [(str(2**31), "2"), ("2", str(2**63)), ("40000", "13"), ("0", "0")]:
        data = commitment_data(
            section, **{"new-recurrence": "yearly", "new-yearly_day": day, "new-yearly_month": month}
        )
        response = client.post(url, data, **HTMX)
        assert response.status_code == 200
        page = response.content.decode()
        assert "Đảm bảo giá trị này" in page, (day, month)
    assert plan.commitments.count() == 2


def test_a_yearly_date_such_as_2_october_is_kept(client, editor, plan):
    section = plan.sections.get()
    client.force_login(editor)
    data = commitment_data(section, **{"new-recurrence": "yearly", "new-yearly_day": "2", "new-yearly_month": "10"})
    client.post(reverse("programmes:commitment_create", args=[plan.pk]), data, **HTMX)
    assert Commitment.objects.get(number="3").yearly_date_display == "02/10"


def test_edit_a_commitment_in_place_returns_its_row(client, editor, plan):
    commitment = plan.commitments.get(number="2")
    client.force_login(editor)
    url = reverse("programmes:commitment_edit", args=[plan.pk, commitment.pk])
    data = commitment_data(
        commitment.section,
        prefix=f"c{commitment.pk}",
        **{f"c{commitment.pk}-number": "2", f"c{commitment.pk}-text": "Nội dung đã sửa"},
    )
    response = client.post(url, data, **HTMX)
    page = response.content.decode()
    assert page.strip().startswith('<li class="d-flex') and "Nội dung đã sửa" in page
    commitment.refresh_from_db()
    assert commitment.text == "Nội dung đã sửa"


def test_remove_an_indicator_while_editing(client, editor, plan):
    commitment = plan.commitments.get(number="1")
    indicator = Indicator.objects.create(
        commitment=commitment, name="Số lượt tuyên truyền", unit="times", target_value=100
    )
    client.force_login(editor)
    p = f"c{commitment.pk}"
    data = commitment_data(
        commitment.section,
        prefix=p,
        **{
            f"{p}-number": "1",
            f"{p}-indicators-INITIAL_FORMS": "1",
            f"{p}-indicators-0-id": indicator.pk,
            f"{p}-indicators-0-name": indicator.name,
            f"{p}-indicators-0-unit": "times",
            f"{p}-indicators-0-target_value": "100",
            f"{p}-indicators-0-DELETE": "on",
        },
    )
    client.post(reverse("programmes:commitment_edit", args=[plan.pk, commitment.pk]), data, **HTMX)
    assert not Indicator.objects.exists()


def test_move_a_commitment_up_swaps_it_with_the_one_above(client, editor, plan):
    second = plan.commitments.get(number="2")
    client.force_login(editor)
    response = client.post(
        reverse("programmes:commitment_move", args=[plan.pk, second.pk]), {"direction": "up"}, **HTMX
    )
    assert response.status_code == 200
    assert list(plan.commitments.order_by("order").values_list("number", flat=True)) == ["2", "1"]
    page = response.content.decode()
    assert page.index("Củng cố trung tâm học tập cộng đồng") < page.index("Đẩy mạnh công tác thông tin")


def test_moving_the_first_up_changes_nothing(client, editor, plan):
    first = plan.commitments.get(number="1")
    client.force_login(editor)
    client.post(reverse("programmes:commitment_move", args=[plan.pk, first.pk]), {"direction": "up"})
    assert list(plan.commitments.order_by("order").values_list("number", flat=True)) == ["1", "2"]


def test_delete_a_commitment(client, editor, plan):
    commitment = plan.commitments.get(number="2")
    client.force_login(editor)
    response = client.post(reverse("programmes:commitment_delete", args=[plan.pk, commitment.pk]))
    assert response.status_code == 302
    assert not plan.commitments.filter(number="2").exists()


def test_sections_are_added_renamed_moved_and_only_deleted_when_empty(client, editor, plan):
    client.force_login(editor)
    client.post(
        reverse("programmes:section_create", args=[plan.pk]),
        {"new-section-number": "III", "new-section-title": "Phân công trách nhiệm"},
        **HTMX,
    )
    new = Section.objects.get(plan=plan, number="III")
    client.post(reverse("programmes:section_move", args=[plan.pk, new.pk]), {"direction": "up"}, **HTMX)
    assert list(plan.sections.order_by("order").values_list("number", flat=True)) == ["III", "II"]
    old = plan.sections.get(number="II")
    response = client.post(reverse("programmes:section_delete", args=[plan.pk, old.pk]), **HTMX)
    assert "Hãy chuyển hoặc xóa các nội dung của phần này trước." in response.content.decode()
    assert Section.objects.filter(pk=old.pk).exists()
    client.post(reverse("programmes:section_delete", args=[plan.pk, new.pk]), **HTMX)
    assert not Section.objects.filter(pk=new.pk).exists()
    edit = reverse("programmes:section_edit", args=[plan.pk, old.pk])
    client.post(edit, {f"section-{old.pk}-number": "II", f"section-{old.pk}-title": "NỘI DUNG PHỐI HỢP"}, **HTMX)
    old.refresh_from_db()
    assert old.title == "NỘI DUNG PHỐI HỢP"


def test_the_editor_works_without_javascript(client, editor, plan):
    section = plan.sections.get()
    client.force_login(editor)
    url = reverse("programmes:commitment_create", args=[plan.pk])
    assert "<html" in client.get(url, {"section": section.pk}).content.decode()
    response = client.post(url, commitment_data(section))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("programmes:commitments", args=[plan.pk]))


def test_a_commitment_of_another_plan_is_not_found_through_this_plan(client, world, editor, plan):
    from conftest import make_plan

    other = make_plan(world.province, world.department, number="2/KH", title="Kế hoạch khác")
    stranger = make_commitment(other, "1")
    client.force_login(editor)
    response = client.post(reverse("programmes:commitment_delete", args=[plan.pk, stranger.pk]))
    assert response.status_code == 404
    assert Commitment.objects.filter(pk=stranger.pk).exists()


def test_indicators_are_reordered_by_their_order_field(client, editor, plan):
    commitment = plan.commitments.get(number="1")
    first = Indicator.objects.create(commitment=commitment, name="Thứ nhất", unit="times", target_value=1, order=1)
    second = Indicator.objects.create(commitment=commitment, name="Thứ hai", unit="times", target_value=2, order=2)
    client.force_login(editor)
    p = f"c{commitment.pk}"
    data = commitment_data(
        commitment.section,
        prefix=p,
        **{f"{p}-number": "1", f"{p}-indicators-TOTAL_FORMS": "3", f"{p}-indicators-INITIAL_FORMS": "2"},
    )
    for index, (indicator, order) in enumerate([(first, 2), (second, 1)]):
        data.update(
            {
                f"{p}-indicators-{index}-id": indicator.pk,
                f"{p}-indicators-{index}-name": indicator.name,
                f"{p}-indicators-{index}-unit": "times",
                f"{p}-indicators-{index}-target_value": str(indicator.target_value),
                f"{p}-indicators-{index}-direction": "at_least",
                f"{p}-indicators-{index}-aggregation": "sum",
                f"{p}-indicators-{index}-ORDER": str(order),
            }
        )
    data.update(
        {
            f"{p}-indicators-2-name": "",
            f"{p}-indicators-2-direction": "at_least",
            f"{p}-indicators-2-aggregation": "sum",
        }
    )
    response = client.post(reverse("programmes:commitment_edit", args=[plan.pk, commitment.pk]), data, **HTMX)
    assert response.status_code == 200
    assert list(commitment.indicators.order_by("order").values_list("name", flat=True)) == ["Thứ hai", "Thứ nhất"]


def test_an_indicator_target_is_shown_the_vietnamese_way_in_the_form(client, editor, plan):
    commitment = plan.commitments.get(number="1")
    Indicator.objects.create(
        commitment=commitment, name="Quỹ bình quân", unit="vnd_per_person_year", target_value=32000
    )
    client.force_login(editor)
    page = client.get(reverse("programmes:commitment_edit", args=[plan.pk, commitment.pk]), **HTMX).content.decode()
    assert 'value="32.000"' in page
