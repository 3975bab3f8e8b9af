"""Demo reporting: a current plan of Phú Thọ, its periods, and reports in every state.

The plan No. 15/KH-SGDĐT-HKH is INVENTED for the demo: the seed plans
(``demo.plans``) are real, historical documents that have all
ended, so none of them can be reported on. This one runs over the previous
and the current year (taken from ``timezone.localdate()`` when it is first
loaded), so that the demo always has an open reporting period. Its wording
follows the seed documents and the national texts they cite; the signatories
are fictitious.

The reports are written straight with the ORM rather than through
``reports.services.workflow``, because the services check today's date and
the acting user's role, and most of the demo lies in the past. They are kept
as the services would leave them: status, version, submission and review
times, events with their actors, progress on exactly the commitments of
``commitments_for``, a figure for each of their indicators, and proposals.

The periods, relative to today:

- every period before the last one that precedes the current period: most
  units accepted; in the earliest one a unit is missing, a unit filed late
  and a unit's report was returned once before being accepted;
- the period just before the current one: a mix, accepted, submitted (in the
  reviewers' queue), returned with a comment (reopened for late filing when
  the period is already locked, so the unit can fix it) and a draft;
- the current period: "Hội Khuyến học xã Lạc Sơn" has a draft and "Hội
  Khuyến học phường Hòa Bình" has no report yet, so the ``reporter`` persona
  can start one.

Loading twice changes nothing: the plan is found by its area and number and
left as it is; a report is written only if the unit has none for the period.
Call it after ``demo.core.demo_load`` (which creates the areas,
organisations and users).
"""

from .load import demo_reports_load
from .plan import PLAN_NUMBER
from .reports import periods_by_role

__all__ = ["PLAN_NUMBER", "demo_reports_load", "periods_by_role"]
