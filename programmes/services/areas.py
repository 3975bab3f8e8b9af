"""Writes with rules on areas, organisations and memberships."""

from collections.abc import Callable
from dataclasses import dataclass

import vietnam_provinces as vp
from django.db import transaction

from ..models import Area

NATION_CODE = "VN"
LEVEL_BY_DIVISION = {
    vp.VietNamDivisionType.TINH: Area.Level.PROVINCE,
    vp.VietNamDivisionType.THANH_PHO_TRUNG_UONG: Area.Level.PROVINCE,
    vp.VietNamDivisionType.XA: Area.Level.COMMUNE,
    vp.VietNamDivisionType.PHUONG: Area.Level.COMMUNE,
    vp.VietNamDivisionType.DAC_KHU: Area.Level.COMMUNE,
}


def province_code(code: int) -> str:
    return f"P{int(code):02d}"


def ward_code(code: int) -> str:
    return f"W{int(code):05d}"


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def areas_load_current(*, progress: Callable[[str], None] = lambda message: None) -> LoadResult:
    """Create or update the nation, its 34 provinces and their communes from
    ``vietnam-provinces`` (the units after the July 2025 reform).

    Safe to run again: existing units keep their primary keys, renamed units
    are updated, and historical units are left alone.
    """
    result = LoadResult()
    nation, created = Area.objects.get_or_create(
        code=NATION_CODE, defaults={"name": "Việt Nam", "level": Area.Level.NATION}
    )
    result.created += created
    provinces = list(vp.Province.iter_all())
    progress(f"{len(provinces)} provinces")
    by_code = _upsert(
        [
            Area(
                code=province_code(p.code),
                name=p.name,
                division_type=p.division_type.value,
                level=LEVEL_BY_DIVISION[p.division_type],
                parent=nation,
            )
            for p in provinces
        ],
        result,
    )
    wards = list(vp.Ward.iter_all())
    progress(f"{len(wards)} communes and wards")
    _upsert(
        [
            Area(
                code=ward_code(w.code),
                name=w.name,
                division_type=w.division_type.value,
                level=LEVEL_BY_DIVISION[w.division_type],
                parent=by_code[province_code(w.province_code)],
            )
            for w in wards
        ],
        result,
    )
    return result


def _upsert(areas: list[Area], result: LoadResult) -> dict[str, Area]:
    existing = Area.objects.in_bulk([a.code for a in areas], field_name="code")
    new, changed = [], []
    for area in areas:
        area.path = Area.build_path(area.parent, area.code)
        current = existing.get(area.code)
        if current is None:
            new.append(area)
        elif (current.name, current.division_type) != (area.name, area.division_type):
            current.name, current.division_type = area.name, area.division_type
            changed.append(current)
        else:
            result.unchanged += 1
    Area.objects.bulk_create(new, batch_size=1000)
    Area.objects.bulk_update(changed, ["name", "division_type"], batch_size=1000)
    result.created += len(new)
    result.updated += len(changed)
    return Area.objects.in_bulk([a.code for a in areas], field_name="code")
