"""A commitment's party is named as the plan's parties signed: on the plan page, in the editor."""

from django.urls import reverse

from conftest import make_commitment, make_plan
from programmes.forms import CommitmentForm
from programmes.models import Organisation

Kind = Organisation.Kind


def ward_plan(world):
    committee = Organisation.objects.create(
        name="Ủy ban nhân dân phường Hòa Bình",
        area=world.commune_a,
        kind=Kind.PEOPLE_COMMITTEE,
        acting_office="Phòng Văn hóa - Xã hội",
    )
    association = Organisation.objects.get(pk=world.unit_a.pk)
    plan = make_plan(world.commune_a, committee, association, number="05/CTPH-UBND-HKH", status="in_force")
    make_commitment(plan, "3.1", "Chỉ đạo các trường trên địa bàn phường", party="department")
    make_commitment(plan, "4.1", "Vận động quỹ khuyến học", party="association")
    make_commitment(plan, "5.1", "Sơ kết 6 tháng", party="joint", lead="department")
    return plan, committee, association


def test_the_plan_page_names_each_commitments_party_and_lead(client, world, reviewer):
    plan, committee, association = ward_plan(world)
    client.force_login(reviewer)
    page = client.get(reverse("programmes:plan_detail", args=[plan.pk])).content.decode()
    assert f'party-department">{committee.name}</span>' in page
    assert f"Chủ trì: {committee.name}</span>" in page  # the lead of the joint 5.1
    assert f'party-association">{association.name}</span>' in page
    assert "Ngành Giáo dục" not in page


def test_the_editor_offers_the_plans_parties_by_name_and_only_the_roles_they_fill(world):
    plan, committee, association = ward_plan(world)
    choices = dict(CommitmentForm(plan=plan).fields["party"].choices[1:])  # after the prompt
    assert choices == {"department": committee.name, "association": association.name, "joint": "Phối hợp"}


def test_a_plan_with_a_partner_offers_it_and_keeps_what_a_commitment_already_has(world):
    youth = Organisation.objects.create(name="Tỉnh Đoàn Phú Thọ", area=world.province, kind=Kind.YOUTH_UNION)
    plan = make_plan(world.province, world.association, youth, number="12/CTPH-TĐ-HKH")
    choices = dict(CommitmentForm(plan=plan).fields["party"].choices[1:])  # after the prompt
    assert choices == {"association": world.association.name, "joint": "Phối hợp", "other": youth.name}
    legacy = make_commitment(plan, "1", party="department")  # entered before the parties were
    choices = dict(CommitmentForm(plan=plan, instance=legacy).fields["party"].choices)
    assert "department" in choices


def test_a_wards_editor_may_choose_its_own_communes_bodies_as_parties_and_no_other_communes(world):
    from conftest import make_user
    from programmes.forms import PartyFormSet
    from programmes.models import Membership, Plan

    committee = Organisation.objects.create(
        name="Ủy ban nhân dân phường Hòa Bình", area=world.commune_a, kind=Kind.PEOPLE_COMMITTEE
    )
    editor = make_user("ward_editor", (committee, Membership.Role.EDITOR))
    choices = set(PartyFormSet(instance=Plan(), user=editor).forms[0].fields["organisation"].queryset)
    assert {committee, world.unit_a} <= choices
    assert world.unit_b not in choices  # another commune's association


def test_where_several_partners_signed_the_editor_asks_which_one_and_checks_it(world):
    from conftest import make_commitment

    youth = Organisation.objects.create(name="Tỉnh Đoàn Phú Thọ", area=world.province, kind=Kind.YOUTH_UNION)
    labour = Organisation.objects.create(
        name="Liên đoàn Lao động tỉnh Phú Thọ", area=world.province, kind=Kind.LABOUR_FEDERATION
    )
    two = make_plan(world.province, world.association, youth, labour, number="2/CTrPH")
    form = CommitmentForm(plan=two)
    assert set(form.fields["partner"].queryset) == {youth, labour}
    assert (
        "partner" not in CommitmentForm(plan=make_plan(world.province, world.association, youth, number="3/CT")).fields
    )

    section = make_commitment(two, "1").section
    data = {"section": section.pk, "number": "2", "text": "Vận động công nhân học tập", "recurrence": "ongoing"}
    bound = CommitmentForm({**data, "party": "other", "partner": labour.pk}, plan=two)
    assert bound.is_valid(), bound.errors
    bound = CommitmentForm({**data, "party": "association", "partner": labour.pk}, plan=two)
    assert not bound.is_valid() and "Chỉ nội dung của một đối tác" in str(bound.errors["partner"])
    bound = CommitmentForm({**data, "party": "other", "partner": world.department.pk}, plan=two)
    assert not bound.is_valid() and "partner" in bound.errors  # not one of the plan's partners


def three_party_plan(world):
    veterans = Organisation.objects.create(
        name="Hội Cựu giáo chức tỉnh Phú Thọ", area=world.province, kind=Kind.VETERAN_TEACHERS
    )
    plan = make_plan(world.province, world.department, world.association, veterans, number="9/CTrPH")
    return plan, veterans


def test_where_three_parties_signed_the_editor_asks_who_takes_part_in_joint_work(client, world, editor):
    plan, veterans = three_party_plan(world)
    assert set(CommitmentForm(plan=plan).fields["supporters"].queryset) == {
        world.department,
        world.association,
        veterans,
    }
    assert "supporters" not in CommitmentForm(plan=make_plan(world.province, number="10/CTrPH")).fields

    section = make_commitment(plan, "1").section
    url = reverse("programmes:commitment_create", args=[plan.pk])
    data = {
        "new-section": section.pk,
        "new-number": "2",
        "new-text": "Trao học bổng “Tiếp sức đến trường”",
        "new-recurrence": "ongoing",
        "new-reporting_levels": ["province"],
        "new-indicators-TOTAL_FORMS": "0",
        "new-indicators-INITIAL_FORMS": "0",
    }
    client.force_login(editor)
    # Only a joint commitment has supporting parties: said beside the field, what was typed kept.
    page = client.post(url, {**data, "new-party": "association", "new-supporters": [veterans.pk]})
    assert "Chỉ nội dung phối hợp mới có các bên cùng thực hiện" in page.content.decode()
    assert "Tiếp sức đến trường" in page.content.decode()
    assert not plan.commitments.filter(number="2").exists()
    # An organisation that did not sign the plan is refused.
    page = client.post(url, {**data, "new-party": "joint", "new-supporters": [world.unit_b.pk]})
    assert not plan.commitments.filter(number="2").exists()

    client.post(url, {**data, "new-party": "joint", "new-lead": "association", "new-supporters": [veterans.pk]})
    saved = plan.commitments.get(number="2")
    assert (saved.lead, list(saved.supporters.all())) == ("association", [veterans])
    page = client.get(reverse("programmes:plan_detail", args=[plan.pk])).content.decode()
    assert f"Cùng thực hiện: {veterans.name}</span>" in page

    # Made the association's own, it loses its supporters.
    edit = reverse("programmes:commitment_edit", args=[plan.pk, saved.pk])
    prefix = f"c{saved.pk}"
    own = {key.replace("new-", f"{prefix}-"): value for key, value in data.items()}
    client.post(edit, {**own, f"{prefix}-party": "association"})
    saved.refresh_from_db()
    assert saved.party == "association" and not saved.supporters.exists()


def test_a_derived_plan_keeps_who_takes_part_in_joint_work_by_party(world, editor):
    from programmes.services import plans as services

    plan, veterans = three_party_plan(world)
    make_commitment(plan, "1", "Trao học bổng", lead="association", supporters=[veterans], reporting_levels=[])
    chapter = Organisation.objects.create(
        name="Chi hội Cựu giáo chức phường Hòa Bình", area=world.commune_a, kind=Kind.VETERAN_TEACHERS
    )
    child = services.plan_derive(
        user=editor,
        parent=plan,
        area=world.commune_a,
        title="Kế hoạch của phường Hòa Bình",
        parties=[services.PartyData(organisation=world.unit_a), services.PartyData(organisation=chapter)],
    )
    assert list(child.commitments.get().supporters.all()) == [chapter]
