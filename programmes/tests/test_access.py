from django.contrib.auth.models import AnonymousUser

from conftest import make_user
from programmes import access
from programmes.models import Area, Membership, Organisation

Role = Membership.Role


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_provincial_reviewer_sees_every_unit_of_the_province_and_its_history(world, reviewer):
    visible = names(access.organisations_visible_to(reviewer))
    assert visible == {
        world.department.name,
        world.association.name,
        world.unit_a.name,
        world.unit_b.name,
        world.historical_unit.name,  # the district of Hòa Bình, taken over by Phú Thọ
    }


def test_provincial_staff_do_not_see_another_province(world, editor, leader):
    for user in (editor, leader):
        visible = access.organisations_visible_to(user)
        assert not visible.filter(pk__in=[world.other_department.pk, world.other_unit.pk]).exists()
        assert not access.areas_visible_to(user).filter(pk=world.other_commune.pk).exists()


def test_reporter_sees_only_their_own_unit(world, reporter_a):
    assert names(access.organisations_visible_to(reporter_a)) == {world.unit_a.name}


def test_reporter_area_scope_reaches_up_only_when_asked(world, reporter_a):
    """A commune reads the provincial plan it reports against, not a sibling commune's."""
    plain = Area.objects.filter(access.area_scope(reporter_a, field=""))
    assert set(plain) == {world.commune_a}
    upward = Area.objects.filter(access.area_scope(reporter_a, field="", include_ancestors=True))
    assert set(upward) == {world.commune_a, world.province, world.nation}


def test_area_scope_filters_a_related_model(world, editor):
    in_scope = Organisation.objects.filter(access.area_scope(editor))
    assert world.unit_b in in_scope
    assert world.other_unit not in in_scope


def test_scope_by_role_only_counts_memberships_with_that_role(world, reporter_a):
    """A reporter of commune A who is also a reviewer of province Q reviews Q, not P."""
    Membership.objects.create(user=reporter_a, organisation=world.other_department, role=Role.REVIEWER)
    reviewing = Organisation.objects.filter(access.organisation_scope(reporter_a, field="", roles={Role.REVIEWER}))
    assert world.other_unit in reviewing
    assert world.unit_b not in reviewing
    assert world.unit_a not in reviewing


def test_only_editors_and_admins_above_an_area_may_change_it(world, editor, reviewer, reporter_a, outsider):
    assert access.can_change_area(editor, world.commune_b)
    assert access.can_change_area(editor, world.historical_district)
    assert not access.can_change_area(reviewer, world.commune_b)
    assert not access.can_change_area(reporter_a, world.commune_a)
    assert not access.can_change_area(outsider, world.commune_a)
    assert access.can_change_area(outsider, world.other_commune)


def test_superuser_sees_everything(world, superuser):
    assert access.organisations_visible_to(superuser).count() == Organisation.objects.count()
    assert access.can_change_area(superuser, world.other_commune)


def test_anonymous_inactive_and_unassigned_users_see_nothing(world, editor):
    assert not access.organisations_visible_to(AnonymousUser()).exists()
    lonely = make_user("lonely")
    assert not access.organisations_visible_to(lonely).exists()
    assert not access.areas_visible_to(lonely).exists()
    editor.is_active = False
    editor.save()
    assert not access.organisations_visible_to(editor).exists()


def test_membership_of_a_deactivated_organisation_grants_nothing(world, reporter_a):
    world.unit_a.is_active = False
    world.unit_a.save()
    reporter_a.refresh_from_db()
    assert not access.organisations_visible_to(reporter_a).exists()


def test_scoping_costs_a_fixed_number_of_queries(world, reviewer, django_assert_max_num_queries):
    for index in range(30):
        area = Area.objects.create(
            code=f"X{index}", name=f"Xã {index}", level=Area.Level.COMMUNE, parent=world.province
        )
        Organisation.objects.create(name=f"Hội Khuyến học xã {index}", area=area, side="association")
    with django_assert_max_num_queries(3):
        assert len(list(access.organisations_visible_to(reviewer))) == 35


def test_outermost_keeps_only_the_areas_no_other_contains():
    from programmes.access import _outermost

    paths = ["VN/P25/W1/", "VN/P25/", "VN/P250/", "VN/H17/D157/", "VN/P25/W1/", "VN/H17/"]
    assert _outermost(paths) == ["VN/H17/", "VN/P25/", "VN/P250/"]
