"""The admin changes a plan's status only through plan_set_status, as the plan's page does."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from conftest import make_plan
from khuyenhoc import figure_versions
from programmes.models import Plan
from programmes.tests.test_plan_import_views import form_values

CHANGELIST = reverse("admin:programmes_plan_changelist")


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def run_action(client, action, *plans):
    response = client.post(CHANGELIST, {"action": action, "_selected_action": [p.pk for p in plans]})
    assert response.status_code == 302
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_posting_a_status_to_the_change_form_leaves_it_but_saves_the_rest(
    staff_client, world, plan, django_capture_on_commit_callbacks
):
    url = reverse("admin:programmes_plan_change", args=[plan.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="status"' not in page
    data = form_values(page)
    data.update({"status": Plan.Status.DRAFT, "title": "Kế hoạch phối hợp đã sửa", "_save": "1"})
    before = figure_versions.stamp([world.province.path])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan.refresh_from_db()
    assert (plan.status, plan.title) == (Plan.Status.IN_FORCE, "Kế hoạch phối hợp đã sửa")
    assert figure_versions.stamp([world.province.path]) != before  # the admin's own save still refreshes the dashboards


def test_an_action_ends_plans_through_the_service(
    staff_client, superuser, world, plan, django_capture_on_commit_callbacks
):
    before = figure_versions.stamp([world.province.path])
    with django_capture_on_commit_callbacks(execute=True):
        said = run_action(staff_client, "mark_ended", plan)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ENDED
    assert plan.history.latest().history_user == superuser
    assert figure_versions.stamp([world.province.path]) != before
    assert said == ["Đã thay đổi 1 mục."]


def test_a_refused_transition_changes_nothing_and_says_why(staff_client, world, plan):
    draft = make_plan(world.province, world.department, number="07/KH", title="Kế hoạch dự thảo")
    said = run_action(staff_client, "mark_ended", plan, draft)
    plan.refresh_from_db()
    draft.refresh_from_db()
    assert (plan.status, draft.status) == (Plan.Status.ENDED, Plan.Status.DRAFT)
    assert f"Không thay đổi “{draft}”: Kế hoạch không thể chuyển từ “Dự thảo” sang “Đã kết thúc”." in said
    assert "Đã thay đổi 1 mục." in said


def test_a_plan_without_commitments_is_not_put_into_force(staff_client, world):
    draft = make_plan(world.province, world.department, number="07/KH", title="Kế hoạch dự thảo")
    said = run_action(staff_client, "mark_in_force", draft)
    draft.refresh_from_db()
    assert draft.status == Plan.Status.DRAFT
    assert said == [f"Không thay đổi “{draft}”: Kế hoạch chưa có nội dung cam kết thì không thể có hiệu lực."]
