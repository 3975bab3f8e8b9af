import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from conftest import make_commitment, make_organisation
from programmes import history
from programmes.models import Indicator, Plan, Section
from programmes.services import plans as services


def test_the_database_refuses_a_duplicate_number_in_one_area(world, plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(area=world.province, number=plan.number, title="Bản sao")
    Plan.objects.create(area=world.province, number="", title="Không số 1")
    Plan.objects.create(area=world.province, number="", title="Không số 2")  # unnumbered plans may coexist


def test_the_database_refuses_a_period_that_ends_before_it_starts(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(area=world.province, title="Sai giai đoạn", start_year=2016, end_year=2012)


def test_the_database_refuses_a_duplicate_commitment_number(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_commitment(plan, "1")


def test_services_refuse_a_user_who_may_only_read(world, reviewer, outsider, plan):
    for user in (reviewer, outsider):
        with pytest.raises(PermissionDenied):
            services.plan_set_status(user=user, plan=plan, status="ended")
        with pytest.raises(PermissionDenied):
            services.commitment_delete(user=user, commitment=plan.commitments.first())
    assert plan.commitments.count() == 2


def test_an_editor_cannot_move_a_plan_out_of_their_area(world, editor, outsider, plan):
    plan.area = world.other_province
    with pytest.raises(PermissionDenied):
        services.plan_save(user=editor, plan=plan)
    with pytest.raises(PermissionDenied):  # nor can the other province's editor take it
        services.plan_save(user=outsider, plan=plan)


def test_status_transitions_follow_the_life_of_a_plan(editor, plan):
    plan = services.plan_set_status(user=editor, plan=plan, status="ended")
    with pytest.raises(ValidationError):
        services.plan_set_status(user=editor, plan=plan, status="draft")
    assert services.plan_set_status(user=editor, plan=plan, status="in_force").status == "in_force"


def test_derive_copies_what_the_lower_level_reports_on(world, editor, plan):
    first, second = plan.commitments.order_by("order")
    first.reporting_levels = ["province", "commune"]
    first.save()
    second.reporting_levels = ["province"]
    second.save()
    Indicator.objects.create(commitment=first, name="Số buổi tuyên truyền", unit="times", target_value=12)
    child = services.plan_derive(
        user=editor,
        parent=plan,
        area=world.commune_a,
        title="Kế hoạch thực hiện của phường Hòa Bình",
        parties=[services.PartyData(organisation=world.unit_a)],
    )
    assert child.status == "draft" and child.parent == plan
    copied = child.commitments.get()
    assert copied.origin == first and copied.text == first.text and copied.reporting_levels == ["commune"]
    assert copied.indicators.get().origin == first.indicators.get()
    assert [p.organisation for p in child.parties.all()] == [world.unit_a]
    assert plan.number in child.legal_bases


def test_derive_only_below_the_parent_and_within_the_editors_area(world, editor, outsider, plan):
    with pytest.raises(ValidationError):
        services.plan_derive(user=editor, parent=plan, area=world.province, title="x", parties=[])
    with pytest.raises(PermissionDenied):
        services.plan_derive(user=outsider, parent=plan, area=world.commune_a, title="x", parties=[])


def test_moving_a_commitment_to_another_section_puts_it_last_there(editor, plan):
    other = Section.objects.create(plan=plan, number="III", title="Phân công", order=2)
    make_commitment(plan, "1.1", section=other)
    moving = plan.commitments.get(number="1")
    moving.section = other
    services.commitment_save(user=editor, commitment=moving)
    assert list(other.commitments.order_by("order").values_list("number", flat=True)) == ["1.1", "1"]


def test_history_says_who_changed_what(editor, plan):
    commitment = plan.commitments.get(number="2")
    commitment.text = "Nội dung mới"
    commitment._history_user = editor
    services.commitment_save(user=editor, commitment=commitment)
    entries = history.plan_history(plan)
    change = next(e for e in entries if e.subject == "Nội dung 2" and e.action == "~")
    assert change.who == "Nguyễn Văn Biên"
    assert [(c.old, c.new) for c in change.changes] == [("Củng cố trung tâm học tập cộng đồng", "Nội dung mới")]
    services.commitment_delete(user=editor, commitment=commitment)
    assert any(e.subject == "Nội dung 2" and e.action == "-" for e in history.plan_history(plan))


def test_history_costs_a_fixed_number_of_queries(plan, django_assert_max_num_queries):
    for number in range(3, 23):
        make_commitment(plan, str(number))
    with django_assert_max_num_queries(12):
        assert len(history.plan_history(plan)) >= 22


def test_search_text_follows_parties_and_ignores_diacritics(world, plan):
    assert "hoi khuyen hoc tinh phu tho" in plan.search_text
    extra = make_organisation("Đoàn Thanh niên tỉnh Phú Thọ", world.province, side="other")
    services.plan_save(user=None, plan=plan, parties=[services.PartyData(organisation=extra)])
    plan.refresh_from_db()
    assert "doan thanh nien" in plan.search_text and "khuyen hoc" not in plan.search_text


def test_saving_an_older_copy_of_a_plan_keeps_the_status_set_meanwhile(editor, plan):
    stale = Plan.objects.get(pk=plan.pk)
    services.plan_set_status(user=editor, plan=plan, status=Plan.Status.ENDED)
    stale.title = "Kế hoạch phối hợp (sửa tên)"
    services.plan_save(user=editor, plan=stale)
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch phối hợp (sửa tên)" and plan.status == Plan.Status.ENDED
