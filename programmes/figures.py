"""How many decimals a figure is written with: one rule for the pages and for every file.

Money and counts are whole ("30.833 đồng", never "30.833,3 đồng"); a percentage,
whether an indicator's own or the share of a target reached, has one decimal at
most; any other figure two at most. Trailing zeros are dropped (98,5; 25).
"""

from decimal import ROUND_HALF_UP, Decimal

from .models import Indicator

SHARE_PLACES = 1  # the share of a target reached, in %
UNIT_PLACES = {
    Indicator.Unit.PERCENT: 1,
    Indicator.Unit.VND: 0,
    Indicator.Unit.VND_PER_PERSON_YEAR: 0,
    Indicator.Unit.PEOPLE: 0,
    Indicator.Unit.PUPILS: 0,
    Indicator.Unit.UNITS: 0,
    Indicator.Unit.TIMES: 0,
}


def places(unit: str | None) -> int:
    """The decimals a figure in ``unit`` is written with."""
    return UNIT_PLACES.get(unit, 2)


def rounded(value, places: int) -> Decimal | None:
    """``value`` rounded half up to ``places`` decimals, without trailing zeros; None stays None."""
    if value is None:
        return None
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def figure(value, unit: str | None) -> Decimal | None:
    """An indicator's figure (or target) as it is shown: rounded by its unit."""
    return rounded(value, places(unit))


def share(value) -> Decimal | None:
    """The share of a target reached, as it is shown."""
    return rounded(value, SHARE_PLACES)


def share_of_target(value, target) -> float | None:
    """The share of ``target`` that ``value`` reaches (for "at most", of the allowance used), in %;
    None without a figure or a target. Computed in decimals, whatever the figures came as."""
    if value is None or not target:
        return None
    return float(Decimal(str(value)) / Decimal(str(target)) * 100)
