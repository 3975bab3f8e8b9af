"""The demo data set: the places and bodies of the seed documents, and one user per role.

Every write is keyed on a natural key, so loading twice changes nothing.
"""

import os
from dataclasses import dataclass

from django.db import transaction

from programmes.models import Area, Membership, Organisation, User
from programmes.services.areas import NATION_CODE, areas_load_current, province_code, ward_code

from .conferences import demo_conference_load
from .feed import demo_feed_load
from .inbox import demo_notifications_load
from .partners import demo_partners_load
from .plans import demo_plans_load
from .public import demo_public_load
from .pupil_lists import demo_pupil_lists_load
from .reports import demo_reports_load

Side = Organisation.Side
Role = Membership.Role
Level = Area.Level

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "KhuyenHoc@2026")

# Historical units named by the seed documents (pre-2025 statistical codes),
# each with the current unit that took it over in the 2025 reform.
HISTORICAL_PROVINCES = [
    # code, name, successor province
    ("H17", "Hòa Bình", province_code(25)),  # now part of Phú Thọ
    ("H83", "Bến Tre", province_code(86)),  # now part of Vĩnh Long
    ("H45", "Quảng Trị", province_code(44)),  # merged with Quảng Bình, keeps the name
    ("H15", "Yên Bái", province_code(15)),  # now part of Lào Cai
    ("H74", "Bình Dương", province_code(79)),  # now part of Hồ Chí Minh City
]
HISTORICAL_DISTRICTS = [
    # code, name, division type, province, successor commune or ward
    ("D148", "Thành phố Hòa Bình", "thành phố", "H17", ward_code(4795)),
    ("D157", "Lạc Sơn", "huyện", "H17", ward_code(5266)),
    ("D156", "Mai Châu", "huyện", "H17", ward_code(5200)),
    ("D829", "Thành phố Bến Tre", "thành phố", "H83", ward_code(28789)),
    ("D461", "Thành phố Đông Hà", "thành phố", "H45", ward_code(19333)),
    ("D132", "Thành phố Yên Bái", "thành phố", "H15", ward_code(4252)),
    ("D725", "Thành phố Thuận An", "thành phố", "H74", ward_code(25978)),
]

NATIONAL_ASSOCIATION = "Hội Khuyến học Việt Nam"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    organisation: str
    area: str


# The personas that the README lists and the browser tests use.
DEMO_USERS = [
    DemoUser("admin", "Quản trị hệ thống", Role.ADMIN, NATIONAL_ASSOCIATION, NATION_CODE),
    DemoUser("editor", "Nguyễn Văn Biên", Role.EDITOR, "Sở Giáo dục và Đào tạo tỉnh Phú Thọ", province_code(25)),
    DemoUser("reviewer", "Trần Thị Duyệt", Role.REVIEWER, "Hội Khuyến học tỉnh Phú Thọ", province_code(25)),
    DemoUser("leader", "Lê Văn Lãnh", Role.LEADER, "Sở Giáo dục và Đào tạo tỉnh Phú Thọ", province_code(25)),
    DemoUser("reporter", "Phạm Thị Báo", Role.REPORTER, "Hội Khuyến học phường Hòa Bình", ward_code(4795)),
    DemoUser("reporter2", "Hoàng Văn Cáo", Role.REPORTER, "Hội Khuyến học xã Lạc Sơn", ward_code(5266)),
    DemoUser(
        "editor_hcm", "Võ Thị Minh", Role.EDITOR, "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", province_code(79)
    ),
]


@transaction.atomic
def demo_load(*, progress=lambda message: None) -> list[DemoUser]:
    """Load areas, organisations and demo users; return the users created or refreshed."""
    progress("areas after the 2025 reform")
    areas_load_current()
    progress("historical provinces and districts")
    _load_historical_areas()
    progress("organisations")
    _load_organisations()
    progress("users")
    _load_users()
    progress("the seed plans")
    demo_plans_load()
    progress("a current plan with reports in every state")
    demo_reports_load()
    progress("a ward's programme and a three-party programme, with their reports")
    demo_partners_load()
    progress("the pupil lists of Phú Thọ")
    demo_pupil_lists_load()
    progress("the review conference of the last half-year")
    demo_conference_load()
    progress("the current plan's feed")
    demo_feed_load()
    progress("Phú Thọ's public page")
    demo_public_load()
    progress("a few notifications")
    demo_notifications_load()
    return DEMO_USERS


def _area(code: str) -> Area:
    return Area.objects.get(code=code)


def _load_historical_areas() -> None:
    nation = _area(NATION_CODE)
    for code, name, successor in HISTORICAL_PROVINCES:
        Area.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "division_type": "tỉnh",
                "level": Level.PROVINCE,
                "parent": nation,
                "is_historical": True,
                "successor": _area(successor),
            },
        )
    for code, name, division_type, province, successor in HISTORICAL_DISTRICTS:
        Area.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "division_type": division_type,
                "level": Level.DISTRICT,
                "parent": _area(province),
                "is_historical": True,
                "successor": _area(successor),
            },
        )


def _organisation(name: str, side: str, area: Area, parent: Organisation | None = None) -> Organisation:
    organisation, _created = Organisation.objects.update_or_create(
        area=area, name=name, defaults={"side": side, "parent": parent}
    )
    return organisation


def _load_organisations() -> None:
    nation = _area(NATION_CODE)
    _organisation("Bộ Giáo dục và Đào tạo", Side.EDUCATION, nation)
    national = _organisation(NATIONAL_ASSOCIATION, Side.ASSOCIATION, nation)

    provincial_associations = {}
    historical = [(code, name) for code, name, _successor in HISTORICAL_PROVINCES]
    current = [(province_code(c), None) for c in (25, 44, 86, 15, 79)]
    for code, name in historical + current:
        area = _area(code)
        label = name or area.name
        prefix = "" if label.startswith("Thành phố") else "tỉnh "
        _organisation(f"Sở Giáo dục và Đào tạo {prefix}{label}", Side.EDUCATION, area)
        provincial_associations[code] = _organisation(
            f"Hội Khuyến học {prefix}{label}", Side.ASSOCIATION, area, parent=national
        )

    for code, name, division_type, province, _successor in HISTORICAL_DISTRICTS:
        area = _area(code)
        label = name if name.startswith("Thành phố") else f"{division_type} {name}"
        _organisation(f"Phòng Giáo dục và Đào tạo {label[0].lower()}{label[1:]}", Side.EDUCATION, area)
        _organisation(
            f"Hội Khuyến học {label[0].lower()}{label[1:]}",
            Side.ASSOCIATION,
            area,
            parent=provincial_associations[province],
        )

    for ward in (4795, 5266, 5200, 25978):
        area = _area(ward_code(ward))
        province = area.parent.code
        label = area.name[0].lower() + area.name[1:]
        _organisation(f"Hội Khuyến học {label}", Side.ASSOCIATION, area, parent=provincial_associations[province])


def _load_users() -> None:
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={"full_name": demo.full_name, "email": f"{demo.username}@demo.khuyenhoc.vn"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.full_name = demo.full_name
        user.is_staff = user.is_superuser = demo.role == Role.ADMIN
        user.save()
        organisation = Organisation.objects.get(name=demo.organisation, area__code=demo.area)
        Membership.objects.get_or_create(user=user, organisation=organisation, role=demo.role)
