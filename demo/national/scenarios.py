"""Scenarios of a unit's report for a period, and how often each happens."""

from .profiles import ProvinceProfile, UnitProfile

MISSING = "missing"
ACCEPTED = "accepted"
ACCEPTED_LATE = "accepted_late"
ACCEPTED_AFTER_RETURN = "accepted_after_return"
SUBMITTED = "submitted"
RETURNED = "returned"
DRAFT = "draft"  # filled in, not sent
STARTED = "started"  # a draft of the current period, partly filled in

# Weights before the unit's and the province's own leanings.
ENDED_MIX = {ACCEPTED: 76, ACCEPTED_LATE: 9, ACCEPTED_AFTER_RETURN: 5, SUBMITTED: 3, DRAFT: 2}  # + missing
RECENT_MIX = {ACCEPTED: 45, SUBMITTED: 22, RETURNED: 8, DRAFT: 10, MISSING: 15}
CURRENT_RUNNING_MIX = {MISSING: 60, STARTED: 35, DRAFT: 5}
CURRENT_CLOSING_MIX = {MISSING: 30, STARTED: 15, DRAFT: 15, SUBMITTED: 30, ACCEPTED: 10}


def _scenario(mix: dict, ended: bool, unit: UnitProfile, profile: ProvinceProfile, rng) -> str:
    weights = dict(mix)
    if ended:
        filed = sum(weights.values())
        missing = profile.missing * (3 if unit.weak else 1)
        weights[MISSING] = filed * missing / (1 - missing)
    if unit.weak:
        for late in (ACCEPTED_LATE, SUBMITTED, DRAFT) if ended else (ACCEPTED_LATE, SUBMITTED, DRAFT, MISSING):
            if late in weights:
                weights[late] *= 2
    return rng.choices(list(weights), weights=list(weights.values()))[0]
