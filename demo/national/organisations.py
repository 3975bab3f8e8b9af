"""A province's bodies, its commune associations, and the users who act for them."""

from collections import defaultdict

from programmes.models import Area, Membership, Organisation

from .bulk import _insert

Side = Organisation.Side
Kind = Organisation.Kind
Role = Membership.Role


def _province_label(area: Area) -> str:
    return area.name if area.name.startswith("Thành phố") else f"tỉnh {area.name}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _organisations(province, communes, national, counts) -> tuple[Organisation, Organisation, list[Organisation]]:
    """The province's two bodies and one association per commune, created if missing."""
    label = _province_label(province)
    wanted = [
        (province, f"Sở Giáo dục và Đào tạo {label}", Side.EDUCATION),
        (province, f"Hội Khuyến học {label}", Side.ASSOCIATION),
    ] + [(commune, f"Hội Khuyến học {_lower_first(commune.name)}", Side.ASSOCIATION) for commune in communes]
    areas = [province, *communes]

    def existing():
        rows = Organisation.objects.filter(area__in=areas).select_related("area")
        return {(o.area_id, o.name): o for o in rows}

    found = existing()
    key = (province.pk, wanted[1][1])
    if key not in found:  # first, as the parent of the communes' associations
        found[key] = _insert(
            Organisation,
            [Organisation(area=province, name=key[1], kind=Kind.ASSOCIATION, side=Side.ASSOCIATION, parent=national)],
            counts,
        )[0]
    association = found[key]
    missing = [
        Organisation(area=area, name=name, kind=side, side=side, parent=association if area != province else None)
        for area, name, side in wanted
        if (area.pk, name) not in found
    ]
    _insert(Organisation, missing, counts)
    found = existing()
    department = found[province.pk, wanted[0][1]]
    association = found[province.pk, wanted[1][1]]
    by_area = defaultdict(list)
    for o in found.values():
        if o.side == Side.ASSOCIATION and o.is_active and o.area_id != province.pk:
            by_area[o.area_id].append(o)
    units = [o for commune in communes for o in sorted(by_area[commune.pk], key=lambda o: o.name)]
    return department, association, units


def _users(organisations) -> dict[tuple[int, str], int]:
    """The first active user of each (organisation, role), for the events' actors."""
    rows = Membership.objects.filter(
        organisation__in=organisations, role__in=[Role.REPORTER, Role.REVIEWER], user__is_active=True
    ).order_by("-pk")
    return {(m.organisation_id, m.role): m.user_id for m in rows}
