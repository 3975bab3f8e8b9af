"""How a province and each of its units report, and what their figures look like."""

from dataclasses import dataclass

from programmes.models import Organisation


@dataclass
class UnitProfile:
    """How a unit reports and what its figures look like."""

    organisation: Organisation
    weak: bool  # files late or not at all more often
    quality: float  # shifts the share of commitments done
    scale: float  # its size, for the sums
    offset: float  # its lead or lag on the percentages
    fund: float  # its own fund level
    reporter_id: int | None


@dataclass
class ProvinceProfile:
    missing: float  # share of missing reports in a locked period
    membership: float
    families: float
    fund: float
    scholarships: float  # đồng a year for a commune association
    pupils: float  # lượt a year for a commune association
