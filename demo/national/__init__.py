"""A national data set for benchmarks: every province, every commune, years of reports.

``python manage.py seed_demo --scale national`` loads the normal demo, then
``national_load``. For each current province (after ``areas_load_current``)
it creates, if missing:

- the Sở Giáo dục và Đào tạo and the Hội Khuyến học of the province, and a
  "Hội Khuyến học {xã/phường ...}" in every commune (existing organisations of
  the same area and name, such as the demo's, are reused);
- one plan in force over the last ``years`` years, numbered
  ``{n}/KH-SGDĐT-HKH-NAT`` and titled "Kế hoạch phối hợp (dữ liệu thử nghiệm
  quy mô toàn quốc) ..." so that nobody mistakes it for a real document, with
  its 2 parties, 3 sections, 10 commitments (4 joint, 3 of the Sở, 3 of the
  association, every level reporting) and 5 indicators;
- the first and second half of every year as reporting periods (the national
  default schedule) and, as reporting units, the two parties and every commune
  association;
- for every unit and every period that has started, a report or none: locked
  periods mostly accepted (some filed late, some accepted after a return, a
  few left submitted or in draft, about 5 % missing), the last period before
  the current one a mix of every state, the current one mostly missing or a
  draft begun. Each filed report gives a status for every commitment the unit
  reports on (``commitments_for``) and a figure for each of their indicators;
  figures differ by province and by unit and improve from year to year; the
  commitments drift towards "done". Events record created, submitted,
  returned, accepted and reopened; about one report in eight raises proposals;
- every half-year that has begun, the Sở's prize list and a quarter of the
  communes' hardship lists sent to the province's association, with what it
  gave and from which source (generated pupils, "Học sinh 000123"); and for
  the last two half-years that have ended, a review conference with three
  conclusions, the older one's done, the newer one's mostly open
  (``lists.py``).

Everything is generated, including the past: the communes of the 2025 reform
report as far back as ``years`` allows. The generated units have no users;
the events' actors are the demo's users where the unit has one (the Phú Thọ
reviewer and reporters), else nobody. Two national users read it all, as
the benchmark does: ``national_leader`` and ``national_reviewer``, a leader and
a reviewer of the Hội Khuyến học Việt Nam (not superusers; the demo password).

The bulk of the rows is written with ``bulk_create`` in batches, one province
per transaction, so an interrupted run leaves whole provinces. A province
whose generated plan exists is skipped: running twice adds nothing. Reports
and events are dated in the past (``created_at``, ``updated_at`` and ``at``
are ``auto_now`` fields, switched off while they are written). The plan and
its parts get their history records; reports have no history.

Random choices come from ``random.Random`` seeded with ``seed`` and the
province code, so a province gets the same data whatever else is loaded.
"""

from .load import MODEL_NAMES, national_load
from .plan_spec import PLAN_SUFFIX, TITLE_PREFIX

__all__ = ["MODEL_NAMES", "PLAN_SUFFIX", "TITLE_PREFIX", "national_load"]
