"""seed_demo: the places and bodies of the seed documents, one user per role, safe to run twice."""

from django.core.management import call_command

from programmes import access
from programmes.models import Area, Membership, Organisation, User


def test_seed_demo_loads_the_seed_places_with_their_history(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ["admin", "editor", "reviewer", "leader", "reporter"]:
        assert username in out
    hoa_binh = Area.objects.get(code="H17")
    assert hoa_binh.is_historical and hoa_binh.successor.name == "Phú Thọ"
    thuan_an = Area.objects.get(name="Thành phố Thuận An")
    assert thuan_an.parent.name == "Bình Dương"
    for name in [
        "Sở Giáo dục và Đào tạo tỉnh Hòa Bình",
        "Hội Khuyến học tỉnh Bến Tre",
        "Hội Khuyến học tỉnh Quảng Trị",
        "Hội Khuyến học tỉnh Yên Bái",
        "Phòng Giáo dục và Đào tạo thành phố Thuận An",
        "Hội Khuyến học thành phố Thuận An",
    ]:
        assert Organisation.objects.filter(name=name).exists(), name


def test_seed_demo_has_one_user_per_role_who_can_log_in(db):
    call_command("seed_demo")
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    for user in User.objects.all():
        assert user.check_password("KhuyenHoc@2026"), user.username


def test_seed_demo_twice_is_safe(db):
    call_command("seed_demo")
    counts = (Area.objects.count(), Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (
        Area.objects.count(),
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    ) == counts


def test_demo_provincial_staff_see_the_history_of_their_province(db):
    call_command("seed_demo")
    reviewer = User.objects.get(username="reviewer")
    visible = set(access.organisations_visible_to(reviewer).values_list("name", flat=True))
    assert "Hội Khuyến học huyện Lạc Sơn" in visible  # Hòa Bình, now Phú Thọ
    assert "Hội Khuyến học thành phố Thuận An" not in visible  # Bình Dương, now Hồ Chí Minh City
    editor_hcm = User.objects.get(username="editor_hcm")
    assert access.organisations_visible_to(editor_hcm).filter(name="Hội Khuyến học thành phố Thuận An").exists()
