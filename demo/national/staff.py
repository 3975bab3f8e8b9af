"""The national staff who read the national data set: a leader and a reviewer of the country.

The benchmark signs in as them, so they are ordinary users with a membership at the nation's
level (area-wide roles reach every province), not superusers, whose empty scope the pages treat
differently. Same password as the demo's users.
"""

from programmes.models import Area, Membership, Organisation, User
from programmes.services.areas import NATION_CODE

from ..core import DEMO_PASSWORD, NATIONAL_ASSOCIATION

Role = Membership.Role
# username, full name, role; both act for the national association.
NATIONAL_STAFF = [
    ("national_leader", "Đỗ Quốc Lãnh", Role.LEADER),
    ("national_reviewer", "Bùi Quốc Duyệt", Role.REVIEWER),
]


def national_staff_load() -> list[User]:
    """Create (or refresh) the national leader and reviewer with their memberships; safe to run twice."""
    nation = Area.objects.get(code=NATION_CODE)
    association, _created = Organisation.objects.get_or_create(
        area=nation, name=NATIONAL_ASSOCIATION, defaults={"side": Organisation.Side.ASSOCIATION}
    )
    users = []
    for username, full_name, role in NATIONAL_STAFF:
        user, created = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@demo.khuyenhoc.vn"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, organisation=association, role=role)
        users.append(user)
    return users
