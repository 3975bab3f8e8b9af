"""The reports' figures: vary by unit, improve from one period to the next."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from programmes.models import Indicator
from reports.models import ReportingPeriod

from .plan import TARGET_KEYS

Aggregation = Indicator.Aggregation


@dataclass(frozen=True)
class Profile:
    membership: Decimal  # %
    fund: int  # đồng per person per year
    scholarships: int  # đồng, in a second half (when the school year starts)
    pupils: int  # lượt, in a second half
    attendance: Decimal  # %


PROFILES = {
    "department": Profile(Decimal("86.0"), 30000, 0, 0, Decimal("97.8")),
    "province": Profile(Decimal("84.0"), 29000, 300_000_000, 5200, Decimal("97.5")),
    "hoa_binh": Profile(Decimal("82.5"), 27500, 85_000_000, 1450, Decimal("98.2")),
    "lac_son": Profile(Decimal("76.0"), 21000, 48_000_000, 980, Decimal("97.1")),
    "mai_chau": Profile(Decimal("71.5"), 19500, 40_000_000, 860, Decimal("96.8")),
}
OTHER_PROFILE = Profile(Decimal("74.0"), 20000, 30_000_000, 600, Decimal("97.0"))
FIRST_HALF_SHARE = Decimal("0.45")  # most scholarships are given when the school year starts


def _round(value: Decimal, step: int) -> Decimal:
    return (value / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step


def _figures(unit_key: str, step: int, half: str) -> dict[str, Decimal]:
    """The unit's figures for the ``step``-th period of the plan (0 for the first)."""
    profile = PROFILES.get(unit_key, OTHER_PROFILE)
    share = FIRST_HALF_SHARE if half == ReportingPeriod.Half.H1 else Decimal("1")
    growth = 1 + Decimal("0.06") * step
    return {
        "membership": min(profile.membership + 2 * step, Decimal("98.5")).quantize(Decimal("0.1")),
        "fund": Decimal(profile.fund + 1000 * step),
        "scholarships": _round(profile.scholarships * share * growth, 100_000),
        "pupils": _round(profile.pupils * share * growth, 1),
        "attendance": min(profile.attendance + Decimal("0.15") * step, Decimal("99.6")).quantize(Decimal("0.1")),
    }


def _figure(indicator: Indicator, figures: dict[str, Decimal], units: int) -> Decimal:
    key = TARGET_KEYS.get(indicator.name)
    if key:
        return figures[key]
    # An indicator added in the portal: a share of its target.
    if indicator.aggregation == Aggregation.SUM:
        return _round(indicator.target_value / (2 * max(units, 1)), 1)
    return (indicator.target_value * Decimal("0.9")).quantize(Decimal("0.01"))


def _vnd(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", ".")


def _percent(value: Decimal) -> str:
    return f"{value:.1f}".replace(".", ",")
