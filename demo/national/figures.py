"""A unit's figures for a period, and how they are rounded and written."""

from decimal import Decimal

from .plan_spec import FAMILIES, FUND, MEMBERSHIP, PUPILS, SCHOLARSHIPS
from .profiles import ProvinceProfile, UnitProfile


def _round(value: float, step: int) -> Decimal:
    return Decimal(max(step, round(value / step) * step))


def _figures(unit: UnitProfile, profile: ProvinceProfile, period, first: int, rng) -> dict[str, Decimal]:
    """The unit's figures for the period: they differ by province and unit and improve over the years."""
    years = period.year - first + (0.5 if period.half == "H2" else 0.0)
    share = 0.45 if period.half == "H1" else 0.55  # most scholarships are given when the school year starts
    noise = rng.uniform(0.85, 1.15)
    membership = min(99.0, profile.membership + unit.offset + 2.0 * years + rng.uniform(-1.5, 1.5))
    families = min(97.0, profile.families + unit.offset + 2.4 * years + rng.uniform(-2, 2))
    return {
        MEMBERSHIP: Decimal(f"{membership:.1f}"),
        FAMILIES: Decimal(f"{families:.1f}"),
        FUND: _round(profile.fund * unit.fund * (1 + 0.05 * years), 500),
        SCHOLARSHIPS: _round(profile.scholarships * unit.scale * share * 1.06**years * noise, 100_000),
        PUPILS: _round(profile.pupils * unit.scale * share * 1.04**years * noise, 1),
    }


def _vnd(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", ".")
