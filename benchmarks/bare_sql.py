"""Hand-written SQL of the figures each benchmarked page shows, on the same data.

The benchmark times every page beside the SQL a careful person would write for what the page
shows, so that "3x its bare SQL" means something. Each function takes a DB-API cursor
(psycopg2's, or Django's ``connection.cursor()`` in the tests), runs plain SQL and returns plain
Python values; nothing here imports the portal, so the SQL cannot quietly reuse the page's own
queries. ``reports/tests/test_bare_sql.py`` checks ``dashboard`` against the dashboard's figures
(``reports.dashboard``), so the two stay the same figures while the page's queries change.

The scope is computed here too, from the user's id: the areas where the user holds an area-wide
role (editor, reviewer, leader, administrator), with the historical units those areas took over;
everything for an active superuser.

Dates: ``today`` is the portal's day (Asia/Ho_Chi_Minh); a report's submission day is its
``submitted_at`` in that zone, as Django's ``submitted_at__date`` computes it.
"""

from datetime import date, timedelta
from decimal import Decimal

TZ = "Asia/Ho_Chi_Minh"
RECEIVED = ("submitted", "accepted")
WIDE_ROLES = ("editor", "reviewer", "leader", "admin")
TREND_PERIODS = 8
GRID_PERIODS = 6
UNITS_PER_PAGE = 25
LIST_PAGE = 50  # the report list and the review queue show 50 rows a page

_ON_TIME = f"r.status IN {RECEIVED} AND (r.submitted_at AT TIME ZONE '{TZ}')::date <= p.due_on"
_LATE = f"r.status IN {RECEIVED} AND (r.submitted_at AT TIME ZONE '{TZ}')::date > p.due_on"


def _roots(cursor, user_id: int, roles=WIDE_ROLES) -> dict:
    """The user's scope, computed once as a hand-writer would: whether they see everything (an
    active superuser), and the ``LIKE`` patterns of the area paths where they hold one of ``roles``,
    with the historical units those areas took over. Parameters for ``_in_scope``."""
    cursor.execute(
        """WITH member AS (
            SELECT DISTINCT a.path
              FROM programmes_membership m
              JOIN programmes_user u ON u.id = m.user_id AND u.is_active
              JOIN programmes_organisation o ON o.id = m.organisation_id AND o.is_active
              JOIN programmes_area a ON a.id = o.area_id
             WHERE m.user_id = %(user)s AND m.role = ANY(%(roles)s)
        )
        SELECT (SELECT coalesce(bool_or(is_superuser AND is_active), false) FROM programmes_user WHERE id = %(user)s),
               coalesce(array_agg(path || '%%'), '{}') FROM (
                   SELECT path FROM member
                    UNION
                   SELECT h.path FROM programmes_area h
                     JOIN programmes_area s ON s.id = h.successor_id
                     JOIN member ON s.path LIKE member.path || '%%'
                    WHERE h.is_historical
               ) roots""",
        {"user": user_id, "roles": list(roles)},
    )
    everything, patterns = cursor.fetchone()
    return {"everything": everything, "patterns": list(patterns)}


def _in_scope(path_column: str) -> str:
    return f"(%(everything)s OR {path_column} LIKE ANY(%(patterns)s))"


SCOPED_PLANS = f"""
    SELECT coalesce(array_agg(pl.id), '{{}}') FROM programmes_plan pl JOIN programmes_area a ON a.id = pl.area_id
     WHERE pl.status = 'in_force' AND {_in_scope("a.path")}"""

CHOSEN_PERIOD = """
    SELECT year, half FROM (
        (SELECT year, half, 0 AS pref FROM reports_reportingperiod WHERE plan_id = ANY(%(plans)s) AND due_on <= %(today)s
          ORDER BY year DESC, half DESC LIMIT 1)
        UNION ALL
        (SELECT year, half, 1 FROM reports_reportingperiod WHERE plan_id = ANY(%(plans)s) ORDER BY year, half LIMIT 1)
    ) c ORDER BY pref LIMIT 1"""


def _dashboard_ctes() -> str:
    """Shared by the dashboard's queries, after the plans in scope (``plans``, an array of ids) and the
    half-year shown (``year``, ``half``) are known: a hand-writer computes those once."""
    return f"""WITH
    plans AS (SELECT unnest(%(plans)s::integer[]) AS id),
    periods AS (SELECT * FROM reports_reportingperiod WHERE plan_id = ANY(%(plans)s)),
    chosen AS (SELECT %(year)s::integer AS year, %(half)s::text AS half),
    received AS (
        SELECT r.id, r.organisation_id FROM reports_progressreport r
          JOIN periods p ON p.id = r.period_id
          JOIN chosen c ON c.year = p.year AND c.half = p.half
         WHERE r.status IN {RECEIVED}
    ),
    started AS (SELECT * FROM periods WHERE starts_on <= %(today)s),
    trend_keys AS (SELECT DISTINCT year, half FROM started ORDER BY year DESC, half DESC LIMIT {TREND_PERIODS}),
    grid_keys AS (SELECT year, half FROM trend_keys ORDER BY year DESC, half DESC LIMIT {GRID_PERIODS}),
    units AS (
        SELECT u.organisation_id, u.plan_id, o.name, a.path
          FROM reports_reportingunit u
          JOIN programmes_organisation o ON o.id = u.organisation_id
          JOIN programmes_area a ON a.id = o.area_id
         WHERE u.plan_id IN (SELECT id FROM plans)
    ),
    unit_page AS (SELECT * FROM units ORDER BY path, name, plan_id LIMIT {UNITS_PER_PAGE})
    """


DASHBOARD_QUERIES = {
    "headline": """
        SELECT (SELECT year FROM chosen), (SELECT half FROM chosen), (SELECT count(*) FROM plans),
               (SELECT count(*) FROM reports_reportingunit u
                 WHERE u.plan_id IN (SELECT s.plan_id FROM started s JOIN chosen c USING (year, half))),
               count(*) FILTER (WHERE {on_time}), count(*) FILTER (WHERE {late}),
               count(*) FILTER (WHERE r.status = 'accepted'), count(*) FILTER (WHERE r.status = 'returned')
          FROM reports_progressreport r
          JOIN periods p ON p.id = r.period_id
          JOIN chosen c ON c.year = p.year AND c.half = p.half""",
    "commitments": """
        SELECT c.party, cp.status, count(*)
          FROM reports_commitmentprogress cp
          JOIN received r ON r.id = cp.report_id
          JOIN programmes_commitment c ON c.id = cp.commitment_id
         GROUP BY c.party, cp.status""",
    "indicators": """
        , targets AS (
            SELECT i.name, i.unit, sum(i.target_value) AS total, avg(i.target_value) AS mean
              FROM programmes_indicator i JOIN programmes_commitment c ON c.id = i.commitment_id
             WHERE c.plan_id IN (SELECT id FROM plans)
             GROUP BY i.name, i.unit
        ), figures AS (
            SELECT i.name, i.unit, i.aggregation, i.direction, sum(v.value) AS total, avg(v.value) AS mean, count(*) AS n
              FROM reports_indicatorvalue v
              JOIN received r ON r.id = v.report_id
              JOIN programmes_indicator i ON i.id = v.indicator_id
             WHERE v.value IS NOT NULL
             GROUP BY i.name, i.unit, i.aggregation, i.direction
        )
        SELECT f.name, f.unit, f.aggregation, f.direction,
               nullif(CASE WHEN f.aggregation = 'sum' THEN t.total ELSE t.mean END, 0),
               CASE WHEN f.aggregation = 'sum' THEN f.total ELSE f.mean END, f.n
          FROM figures f LEFT JOIN targets t ON t.name = f.name AND t.unit = f.unit
         ORDER BY f.name, f.unit, f.aggregation, f.direction""",
    "trend": """
        , expected AS (
            SELECT s.year, s.half, sum(n.n) AS n
              FROM started s JOIN trend_keys USING (year, half)
              JOIN (SELECT plan_id, count(*) AS n FROM units GROUP BY plan_id) n ON n.plan_id = s.plan_id
             GROUP BY s.year, s.half
        ), counted AS (
            SELECT p.year, p.half, count(*) FILTER (WHERE {on_time}) AS on_time, count(*) FILTER (WHERE {late}) AS late,
                   count(*) FILTER (WHERE r.status = 'returned') AS returned
              FROM reports_progressreport r
              JOIN started p ON p.id = r.period_id
              JOIN trend_keys k ON k.year = p.year AND k.half = p.half
             WHERE r.status IN ('submitted', 'accepted', 'returned')
             GROUP BY p.year, p.half
        )
        SELECT k.year, k.half, coalesce(e.n, 0), coalesce(c.on_time, 0), coalesce(c.late, 0), coalesce(c.returned, 0),
               greatest(coalesce(e.n, 0) - coalesce(c.on_time, 0) - coalesce(c.late, 0) - coalesce(c.returned, 0), 0)
          FROM trend_keys k
          LEFT JOIN expected e USING (year, half)
          LEFT JOIN counted c USING (year, half)
         ORDER BY k.year, k.half""",
    "lagging": """
        SELECT c.text, c.number, c.party, c.plan_id, c.id,
               count(DISTINCT r.organisation_id) AS lagging,
               count(DISTINCT r.organisation_id) FILTER (WHERE cp.status = 'at_risk') AS at_risk
          FROM reports_commitmentprogress cp
          JOIN received r ON r.id = cp.report_id
          JOIN programmes_commitment c ON c.id = cp.commitment_id
         WHERE cp.status IN ('not_started', 'at_risk', 'in_progress')
         GROUP BY c.id
         ORDER BY at_risk DESC, lagging DESC, c.number, c.id
         LIMIT 10""",
    "coming": """
        SELECT * FROM (
            SELECT 'due' AS kind, year, half, due_on AS day, count(DISTINCT plan_id), max(plan_id), max(id)
              FROM periods WHERE due_on BETWEEN %(today)s AND %(soon)s GROUP BY year, half, due_on
             UNION ALL
            SELECT 'conference', year, half, conference_on, count(DISTINCT plan_id), max(plan_id), max(id)
              FROM periods WHERE conference_on BETWEEN %(today)s AND %(soon)s GROUP BY year, half, conference_on
        ) events ORDER BY day, kind <> 'due' LIMIT 10""",
    "unit_count": "SELECT count(*) FROM units",
    "unit_grid": """
        SELECT u.organisation_id, u.plan_id, u.path, u.name, p.year, p.half,
               CASE WHEN r.id IS NULL THEN CASE WHEN p.due_on < %(today)s THEN 'missing' ELSE 'not_due' END
                    WHEN {late} THEN 'late'
                    ELSE r.status END,
               r.id
          FROM unit_page u
          LEFT JOIN (reports_reportingperiod p JOIN grid_keys USING (year, half)) ON p.plan_id = u.plan_id
          LEFT JOIN reports_progressreport r ON r.period_id = p.id AND r.organisation_id = u.organisation_id
         ORDER BY u.path, u.name, u.plan_id, p.year, p.half""",
    "plan_options": """
        SELECT pl.id, CASE WHEN pl.number <> '' THEN pl.number || ' · ' || pl.title ELSE pl.title END
          FROM programmes_plan pl JOIN programmes_area a ON a.id = pl.area_id
         WHERE pl.id = ANY(%(plans)s)
         ORDER BY a.path, pl.start_year DESC, pl.id""",
}

# The three money lines (awards.figures): what the plans' pupil lists gave in each plan's own
# half-year (its period's days), by decision, by source (none recorded: "other") and by the area
# of the party that drew the list up, with that area's province ("nation" above the provinces).
GIVEN = ("scholarship", "support", "award")
SOURCES = ("fund", "donor", "budget", "other")
_PROVINCE_PATH = "substring(a.path from '^[^/]+/[^/]+/')"
MONEY = f"""
    SELECT e.decision, coalesce(nullif(e.source, ''), 'other'), a.path, a.name,
           coalesce({_PROVINCE_PATH}, 'nation'), province.name, count(*), coalesce(sum(e.amount), 0)
      FROM awards_listentry e
      JOIN awards_pupillist l ON l.id = e.pupil_list_id
      JOIN reports_reportingperiod p ON p.plan_id = l.plan_id AND p.year = %(year)s AND p.half = %(half)s
                                    AND e.given_on BETWEEN p.starts_on AND p.ends_on
      JOIN programmes_organisation o ON o.id = l.drawn_by_id
      JOIN programmes_area a ON a.id = o.area_id
      LEFT JOIN programmes_area province ON province.path = {_PROVINCE_PATH}
     WHERE l.plan_id = ANY(%(plans)s) AND e.decision IN {GIVEN}
       AND e.given_on BETWEEN (SELECT min(starts_on) FROM reports_reportingperiod WHERE year = %(year)s AND half = %(half)s)
                          AND (SELECT max(ends_on) FROM reports_reportingperiod WHERE year = %(year)s AND half = %(half)s)
     GROUP BY 1, 2, 3, 4, 5, 6"""

# The conclusions of the plans' review conferences still to do: how many, and the first ten by
# deadline (none last), with whether each is late and the commitment it was added to the plan as.
OPEN_CONCLUSIONS = """
    SELECT k.number, k.text, o.name, k.deadline, coalesce(k.deadline < %(today)s, false), k.conference_id,
           coalesce(c.number, ''), count(*) OVER ()
      FROM conferences_conclusion k
      JOIN conferences_conference f ON f.id = k.conference_id
      JOIN programmes_organisation o ON o.id = k.responsible_id
      LEFT JOIN programmes_commitment c ON c.id = k.adopted_as_id
     WHERE k.status = 'open' AND f.plan_id = ANY(%(plans)s)
     ORDER BY k.deadline ASC NULLS LAST, f.plan_id, k.number, k.id
     LIMIT 10"""


def _money_lines(rows) -> tuple[list, list]:
    """The three lines and the sources, each (key, pupils, đồng), from rows (decision, source, …,
    pupils, đồng)."""
    lines = {decision: [0, 0] for decision in GIVEN}
    sources: dict = {}
    for decision, source, *_area, pupils, amount in rows:
        for counted in (lines[decision], sources.setdefault(source, [0, 0])):
            counted[0] += pupils
            counted[1] += amount
    return (
        [(decision, *lines[decision]) for decision in GIVEN],
        [(source, *sources[source]) for source in SOURCES if source in sources],
    )


def _money_areas(rows, *, by_province: bool) -> list:
    """The three lines of each area that drew up lists (its province's, ``by_province``), in path
    order: (area name, [(key, pupils, đồng)])."""
    areas: dict = {}
    for decision, _source, path, name, province, province_name, pupils, amount in rows:
        key, label = (province, province_name or name) if by_province else (path, name)
        counted = areas.setdefault(key, (label, {d: [0, 0] for d in GIVEN}))[1][decision]
        counted[0] += pupils
        counted[1] += amount
    return [(label, [(d, *found[d]) for d in GIVEN]) for _key, (label, found) in sorted(areas.items())]


AREA_OPTIONS = f"""
    SELECT a.id, a.name, a.is_historical FROM programmes_area a
     WHERE a.level IN ('province', 'district') AND {_in_scope("a.path")}
     ORDER BY a.is_historical, a.path"""


def dashboard(cursor, *, user_id: int, today: date) -> dict:
    """Everything the dashboard page shows without filters, for ``user_id`` on ``today``:
    headline counts, commitments by party and status, indicators with targets, the trend over the
    last eight half-years, the lagging commitments, coming events, the first page of the unit grid
    with its count, and the filter form's options."""
    params = {"today": today, "soon": today + timedelta(days=60), **_roots(cursor, user_id)}
    cursor.execute(SCOPED_PLANS, params)
    params["plans"] = list(cursor.fetchone()[0])
    cursor.execute(CHOSEN_PERIOD, params)
    params["year"], params["half"] = cursor.fetchone() or (None, None)
    ctes = _dashboard_ctes()
    rows = {}
    for name, query in DASHBOARD_QUERIES.items():
        # Each query follows the shared CTEs (PostgreSQL skips those it does not use); some add their own.
        cursor.execute(ctes + query.format(on_time=_ON_TIME, late=_LATE), params)
        rows[name] = cursor.fetchall()
    cursor.execute(AREA_OPTIONS, params)
    rows["area_options"] = cursor.fetchall()
    cursor.execute(MONEY, params)
    money = cursor.fetchall()
    cursor.execute(OPEN_CONCLUSIONS, params)
    conclusions = cursor.fetchall()
    # Money by province where the user's scope is the country (a root of one segment: "VN/").
    by_province = params["everything"] or any(p.rstrip("%").count("/") == 1 for p in params["patterns"])
    lines, sources = _money_lines(money)
    year, half, plans, expected, on_time, late, accepted, returned = rows["headline"][0]
    commitments: dict = {}
    for party, status, count in rows["commitments"]:
        commitments.setdefault(party, {})[status] = count
    grid: dict = {}
    for organisation, plan, _path, _name, grid_year, grid_half, state, report in rows["unit_grid"]:
        cells = grid.setdefault((organisation, plan), {})
        if grid_year is not None:
            cells[(grid_year, grid_half)] = (state, report)
    trend = [
        {"year": y, "half": h, "expected": e, "on_time": o, "late": la, "returned": r, "missing": m}
        for y, h, e, o, la, r, m in rows["trend"]
    ]
    return {
        "year": year,
        "half": half,
        "plans_in_force": plans,
        "expected": expected if year else 0,
        "on_time": on_time,
        "late": late,
        "accepted": accepted,
        "returned": returned,
        "commitments": commitments,
        "indicators": [
            {
                "name": n,
                "unit": u,
                "aggregation": a,
                "direction": d,
                "target": float(t) if t is not None else None,
                "value": float(v),
                "units": c,
            }
            for n, u, a, d, t, v, c in rows["indicators"]
        ],
        "trend": trend if year else [],
        "lagging": [
            {
                "commitment__text": t,
                "commitment__number": n,
                "commitment__party": p,
                "commitment__plan_id": pl,
                "commitment_id": c,
                "lagging": lg,
                "at_risk": ar,
            }
            for t, n, p, pl, c, lg, ar in rows["lagging"]
        ],
        "coming": [
            {"kind": k, "year": y, "half": h, "on": d, "plans": n, "first_plan": fp, "first_period": fpp}
            for k, y, h, d, n, fp, fpp in rows["coming"]
        ],
        "grid_periods": [(row["year"], row["half"]) for row in trend[-GRID_PERIODS:]] if year else [],
        "unit_count": rows["unit_count"][0][0],
        "unit_grid": grid,
        "plan_options": rows["plan_options"],
        "area_options": rows["area_options"],
        "money": lines,
        "money_sources": sources,
        "money_by_province": by_province,
        "money_areas": _money_areas(money, by_province=by_province),
        "conclusions_open": conclusions[0][-1] if conclusions else 0,
        "conclusions": [row[:-1] for row in conclusions],
    }


def report_list_late(cursor, *, user_id: int, year: int, half: str) -> tuple[int, list]:
    """The report list filtered to late reports of a half-year: its count and its first page (the
    list shows no filter form). A row: report id, status, submission, half-year and due date, unit,
    its area (and whether historical), the plan's number and title."""
    scope = _roots(cursor, user_id)
    cursor.execute(
        f"""WITH late AS (
            SELECT r.id, r.status, r.submitted_at, p.year, p.half, p.due_on, o.name, a.path, a.name AS area,
                   a.is_historical, pl.number, pl.title
              FROM reports_progressreport r
              JOIN reports_reportingperiod p ON p.id = r.period_id
              JOIN programmes_plan pl ON pl.id = r.plan_id
              JOIN programmes_area pa ON pa.id = pl.area_id
              JOIN programmes_organisation o ON o.id = r.organisation_id
              JOIN programmes_area a ON a.id = o.area_id
             WHERE p.year = %(year)s AND p.half = %(half)s AND {_LATE}
               AND {_in_scope("pa.path")} AND {_in_scope("a.path")}
        )
        SELECT (SELECT count(*) FROM late), l.* FROM (SELECT * FROM late ORDER BY path, name LIMIT {LIST_PAGE}) l""",
        {**scope, "year": year, "half": half},
    )
    rows = cursor.fetchall()
    return (rows[0][0] if rows else 0), [row[1:] for row in rows]


REVIEW_ROLES = ("reviewer", "admin")


def review_queue(cursor, *, user_id: int) -> dict:
    """Submitted reports the user reviews (reviewer or administrator above the unit), oldest first:
    the count, the first page, and the filter form's options: provinces and districts in scope,
    the plans of those areas and of the areas above them, and the half-years of those plans.
    A row: report id, submission, half-year and due date, unit, its area (and whether historical),
    the plan's number and title."""
    params = _roots(cursor, user_id, roles=REVIEW_ROLES)
    cursor.execute(
        f"""WITH queue AS (
            SELECT r.id, r.submitted_at, p.year, p.half, p.due_on, o.name, a.name AS area, a.is_historical,
                   pl.number, pl.title
              FROM reports_progressreport r
              JOIN reports_reportingperiod p ON p.id = r.period_id
              JOIN programmes_plan pl ON pl.id = r.plan_id
              JOIN programmes_organisation o ON o.id = r.organisation_id
              JOIN programmes_area a ON a.id = o.area_id
             WHERE r.status = 'submitted' AND {_in_scope("a.path")}
        )
        SELECT (SELECT count(*) FROM queue), q.* FROM (SELECT * FROM queue ORDER BY submitted_at, id LIMIT {LIST_PAGE}) q""",
        params,
    )
    rows = cursor.fetchall()
    cursor.execute(AREA_OPTIONS, params)
    areas = cursor.fetchall()
    # The plans of the areas in scope and of the areas above them (a commune's reviewer reads the
    # provincial plan its units report on): an area is above when a scope pattern starts with its path.
    cursor.execute(
        f"""SELECT pl.id, CASE WHEN pl.number <> '' THEN pl.number || ' · ' || pl.title ELSE pl.title END
              FROM programmes_plan pl JOIN programmes_area a ON a.id = pl.area_id
             WHERE {_in_scope("a.path")} OR EXISTS (
                   SELECT 1 FROM unnest(%(patterns)s::text[]) root WHERE starts_with(root, a.path))
             ORDER BY a.path, pl.start_year DESC, pl.number""",
        params,
    )
    plans = cursor.fetchall()
    cursor.execute(
        "SELECT DISTINCT year, half FROM reports_reportingperiod WHERE plan_id = ANY(%(plans)s) ORDER BY year DESC, half DESC",
        {"plans": [plan for plan, _label in plans]},
    )
    return {
        "count": rows[0][0] if rows else 0,
        "rows": [row[1:] for row in rows],
        "area_options": areas,
        "plan_options": plans,
        "periods": cursor.fetchall(),
    }


def plan_page(cursor, *, plan_id: int) -> list:
    """A plan's page: the plan, its parties, sections, commitments with their indicators, periods."""
    queries = [
        "SELECT pl.*, a.name FROM programmes_plan pl JOIN programmes_area a ON a.id = pl.area_id WHERE pl.id = %(plan)s",
        """SELECT o.id, o.name FROM programmes_planparty pp JOIN programmes_organisation o ON o.id = pp.organisation_id
            WHERE pp.plan_id = %(plan)s ORDER BY pp.id""",
        """SELECT s.id, s.number, s.title, c.id, c.number, c.text, c.party, i.id, i.name, i.unit, i.target_value
             FROM programmes_section s
             LEFT JOIN programmes_commitment c ON c.section_id = s.id
             LEFT JOIN programmes_indicator i ON i.commitment_id = c.id
            WHERE s.plan_id = %(plan)s ORDER BY s.order, c.order, c.id, i.id""",
        "SELECT * FROM reports_reportingperiod WHERE plan_id = %(plan)s ORDER BY year DESC, half DESC",
        "SELECT id, number, title FROM programmes_plan WHERE parent_id = %(plan)s",
    ]
    out = []
    for query in queries:
        cursor.execute(query, {"plan": plan_id})
        out.append(cursor.fetchall())
    return out


REVIEW_ROLES = ("reviewer", "admin")
CENT = Decimal("0.01")
RETURN_DAYS = 7  # a reopen form proposes a week from today (reports.rules.RETURN_DAYS)
# The plan's parties: the sides that signed, and the partners by kind (party_roles.Parties).
SIGNED = """signed AS (
            SELECT po.side, po.kind FROM programmes_planparty pp
              JOIN programmes_organisation po ON po.id = pp.organisation_id
             WHERE pp.plan_id = %(plan)s
        ), partners AS (
            SELECT DISTINCT kind FROM signed WHERE side = 'other'
        ), supporters AS (
            SELECT cs.commitment_id,
                   CASE WHEN so.side = 'other' AND so.kind IN (SELECT kind FROM partners) THEN so.kind ELSE so.side END
                       AS party
              FROM programmes_commitment_supporters cs
              JOIN programmes_commitment sc ON sc.id = cs.commitment_id
              JOIN programmes_organisation so ON so.id = cs.organisation_id
             WHERE sc.plan_id = %(plan)s
        )"""

# Not a commitment that the review conference of the period, or of a later one, added to the plan
# (reports.rules.in_force_for): a conclusion is the next half-year's work.
NOT_ADDED_LATER = """NOT EXISTS (
            SELECT 1 FROM conferences_conclusion k
              JOIN conferences_conference f ON f.id = k.conference_id
              JOIN reports_reportingperiod kp ON kp.id = f.period_id
             WHERE k.adopted_as_id = c.id AND kp.starts_on >= p.starts_on)"""

PERIOD_QUERIES = {
    # The heading: the plan, its area, the period's dates.
    "period": """
        SELECT pl.number, pl.kind, pl.title, a.name, p.year, p.half, p.starts_on, p.ends_on, p.due_on, p.locked_after,
               p.conference_on
          FROM reports_reportingperiod p JOIN programmes_plan pl ON pl.id = p.plan_id JOIN programmes_area a ON a.id = pl.area_id
         WHERE p.id = %(period)s""",
    # The first page of the units that report on the plan (50, as reports.selectors.UNITS_PER_PAGE),
    # with its report: status, timing, the deadline shown, and the reopen form's date when the user
    # reviews the unit and it may be given (more) time.
    "units": f"""
        SELECT o.id, o.name, a.name, a.is_historical, r.id, r.status,
               CASE WHEN r.status = 'returned' THEN 'returned'
                    WHEN r.id IS NULL OR r.status = 'draft' OR r.submitted_at IS NULL THEN 'missing'
                    WHEN {_LATE} THEN 'late' ELSE 'on_time' END,
               CASE WHEN r.status NOT IN {RECEIVED} AND (r.reopened_until IS NOT NULL OR r.status = 'returned')
                    THEN greatest(p.locked_after, r.reopened_until) END,
               CASE WHEN {_in_scope("a.path")}
                     AND (r.status = 'returned' OR (r.status IS DISTINCT FROM 'submitted' AND r.status IS DISTINCT FROM 'accepted'
                                                    AND %(today)s > p.locked_after))
                    THEN CASE WHEN r.reopened_until >= %(today)s THEN r.reopened_until ELSE %(today)s + {RETURN_DAYS} END END
          FROM reports_reportingunit u
          JOIN programmes_organisation o ON o.id = u.organisation_id
          JOIN programmes_area a ON a.id = o.area_id
          JOIN reports_reportingperiod p ON p.id = %(period)s
          LEFT JOIN reports_progressreport r ON r.plan_id = u.plan_id AND r.period_id = p.id AND r.organisation_id = u.organisation_id
         WHERE u.plan_id = %(plan)s
         ORDER BY a.path, o.name, o.id
         LIMIT 50""",
    # The three money lines of the period: what the plan's lists gave between its first and last day.
    "money": f"""
        SELECT e.decision, coalesce(nullif(e.source, ''), 'other'), count(*), coalesce(sum(e.amount), 0)
          FROM awards_listentry e
          JOIN awards_pupillist l ON l.id = e.pupil_list_id
          JOIN reports_reportingperiod p ON p.id = %(period)s
         WHERE l.plan_id = %(plan)s AND e.decision IN {GIVEN} AND e.given_on BETWEEN p.starts_on AND p.ends_on
         GROUP BY 1, 2""",
    "counts": """
        SELECT (SELECT count(*) FROM reports_reportingunit WHERE plan_id = %(plan)s),
               count(*) FILTER (WHERE status IN ('submitted', 'accepted')), count(*) FILTER (WHERE status = 'accepted'),
               count(*) FILTER (WHERE status = 'returned')
          FROM reports_progressreport WHERE plan_id = %(plan)s AND period_id = %(period)s""",
    # Indicators the period asks for (not withdrawn before it started), in the plan's order, each
    # added up by its own rule over the figures of the received reports.
    "indicators": f"""
        WITH figures AS (
            SELECT v.indicator_id, v.value, r.submitted_at, v.id
              FROM reports_indicatorvalue v
              JOIN reports_progressreport r ON r.id = v.report_id
             WHERE r.plan_id = %(plan)s AND r.period_id = %(period)s AND r.status IN {RECEIVED} AND v.value IS NOT NULL
        )
        SELECT c.number, i.name, i.aggregation, i.direction, i.target_value, i.unit,
               CASE i.aggregation WHEN 'sum' THEN sum(f.value) WHEN 'mean' THEN avg(f.value)
                    ELSE (array_agg(f.value ORDER BY f.submitted_at DESC, f.id DESC))[1] END,
               count(f.value)
          FROM programmes_indicator i
          JOIN programmes_commitment c ON c.id = i.commitment_id
          JOIN programmes_section s ON s.id = c.section_id
          JOIN reports_reportingperiod p ON p.id = %(period)s
          LEFT JOIN figures f ON f.indicator_id = i.id
         WHERE c.plan_id = %(plan)s AND (i.withdrawn_on IS NULL OR i.withdrawn_on >= p.starts_on) AND {NOT_ADDED_LATER}
         GROUP BY i.id, c.id, s.id
         ORDER BY s."order", c."order", i."order", i.id""",
    # Each side's commitments done: a side for which every unit that reported said "not
    # applicable" does not owe it; a commitment is done when every side that owes it has
    # reports and all of them say done (or not applicable).
    # Each party's commitments done, owed and not applicable (party_roles): a party is a side, or
    # a partner that signed by its kind; a commitment is owed by its side, by its partner (else by
    # every partner), or if joint by its lead and the parties ticked as supporting it, and where
    # none is ticked by every party that signed (both classic sides where no partner did).
    "scores": f"""
        WITH {SIGNED}, statuses AS (
            SELECT cp.commitment_id,
                   CASE WHEN o.side = 'other' AND o.kind IN (SELECT kind FROM partners) THEN o.kind ELSE o.side END
                       AS party,
                   count(*) AS n,
                   count(*) FILTER (WHERE cp.status = 'not_applicable') AS na,
                   count(*) FILTER (WHERE cp.status IN ('done', 'not_applicable')) AS done
              FROM reports_commitmentprogress cp
              JOIN reports_progressreport r ON r.id = cp.report_id
              JOIN programmes_organisation o ON o.id = r.organisation_id
             WHERE r.plan_id = %(plan)s AND r.period_id = %(period)s AND r.status IN {RECEIVED}
             GROUP BY 1, 2
        ), owed AS (
            SELECT c.id, ow.party
              FROM programmes_commitment c
              JOIN reports_reportingperiod p ON p.id = %(period)s
              LEFT JOIN programmes_organisation pk ON pk.id = c.partner_id AND pk.kind IN (SELECT kind FROM partners)
              CROSS JOIN LATERAL (
                  SELECT 'education' WHERE c.party = 'department'
                  UNION ALL SELECT 'association' WHERE c.party = 'association'
                  UNION ALL SELECT pk.kind WHERE c.party = 'other' AND pk.kind IS NOT NULL
                  UNION ALL SELECT kind FROM partners WHERE c.party = 'other' AND pk.kind IS NULL
                  UNION ALL SELECT 'other' WHERE c.party = 'other' AND NOT EXISTS (SELECT 1 FROM partners)
                  UNION ALL SELECT s.side FROM (VALUES ('education'), ('association')) s (side)
                   WHERE c.party = 'joint' AND NOT EXISTS (SELECT 1 FROM supporters WHERE commitment_id = c.id)
                     AND (s.side IN (SELECT side FROM signed) OR NOT EXISTS (SELECT 1 FROM partners))
                  UNION ALL SELECT kind FROM partners
                   WHERE c.party = 'joint' AND NOT EXISTS (SELECT 1 FROM supporters WHERE commitment_id = c.id)
                  UNION ALL SELECT DISTINCT named.party FROM (
                      SELECT party FROM supporters WHERE commitment_id = c.id
                      UNION ALL SELECT 'education' WHERE c.lead = 'department'
                      UNION ALL SELECT 'association' WHERE c.lead = 'association'
                      UNION ALL SELECT coalesce(pk.kind, p2.kind) FROM partners p2
                       WHERE c.lead = 'other' AND (pk.kind IS NULL OR p2.kind = pk.kind)
                      UNION ALL SELECT 'other' WHERE c.lead = 'other' AND NOT EXISTS (SELECT 1 FROM partners)
                  ) named (party)
                   WHERE c.party = 'joint' AND EXISTS (SELECT 1 FROM supporters WHERE commitment_id = c.id)
              ) ow (party)
             WHERE c.plan_id = %(plan)s AND (c.withdrawn_on IS NULL OR c.withdrawn_on >= p.starts_on)
               AND {NOT_ADDED_LATER}
        ), bound AS (
            SELECT ow.id, ow.party, coalesce(st.n, 0) > 0 AND st.na = st.n AS exempt,
                   coalesce(st.n, 0) > 0 AND st.done = st.n AS party_done
              FROM owed ow LEFT JOIN statuses st ON st.commitment_id = ow.id AND st.party = ow.party
        ), commitments AS (
            SELECT id, coalesce(bool_and(party_done) FILTER (WHERE NOT exempt), false) AS done FROM bound GROUP BY id
        )
        SELECT b.party, count(*) FILTER (WHERE NOT b.exempt AND c.done), count(*) FILTER (WHERE NOT b.exempt),
               count(*) FILTER (WHERE b.exempt)
          FROM bound b JOIN commitments c USING (id)
         GROUP BY b.party""",
    # The parties that signed, shown even with nothing to score: those a joint commitment binds.
    "signed": f"""
        WITH {SIGNED}
        SELECT s.side FROM (VALUES ('education'), ('association')) s (side)
         WHERE s.side IN (SELECT side FROM signed) OR NOT EXISTS (SELECT 1 FROM partners)
         UNION ALL
        SELECT kind FROM partners""",
    "proposals": f"""
        SELECT o.name, pr.text, pr.answer
          FROM reports_proposal pr
          JOIN reports_progressreport r ON r.id = pr.report_id
          JOIN programmes_organisation o ON o.id = r.organisation_id
         WHERE r.plan_id = %(plan)s AND r.period_id = %(period)s AND r.status IN {RECEIVED}
         ORDER BY pr.id""",
}


def period_page(cursor, *, user_id: int, plan_id: int, period_id: int, today: date) -> dict:
    """What a period's page shows to ``user_id`` on ``today``: the heading; the first page of units with its
    report's status and timing, the deadline shown and the date of the reopen form offered (None
    when none is); the counts; each indicator's total against its target; each party's commitments
    done, owed and not applicable; the proposals raised. The units' texts are not on the page."""
    params = {"plan": plan_id, "period": period_id, "today": today, **_roots(cursor, user_id, roles=REVIEW_ROLES)}
    rows = {}
    for name, query in PERIOD_QUERIES.items():
        cursor.execute(query, params)
        rows[name] = cursor.fetchall()
    expected, received, accepted, returned = rows["counts"][0]
    lines, sources = _money_lines(rows["money"])
    scores = {party: (0, 0, 0) for (party,) in rows["signed"]}
    scores.update({party: (done, total, na) for party, done, total, na in rows["scores"]})
    return {
        "period": rows["period"][0],
        "units": rows["units"],
        "expected": expected,
        "received": received,
        "accepted": accepted,
        "returned": returned,
        # Shown to the cent, rounded half to even (Decimal's rule, as the page).
        "indicators": [
            (*row[:6], None if row[6] is None else row[6].quantize(CENT), row[7]) for row in rows["indicators"]
        ],
        "scores": scores,
        "proposals": rows["proposals"],
        "money": lines,
        "money_sources": sources,
    }


def period_files(cursor, *, plan_id: int, period_id: int) -> list:
    """What the period's consolidated files (.xlsx, .docx) are made of: every unit with its report
    and timing, the indicator totals, each commitment's statuses by unit, the texts the units wrote,
    the proposals, and each received report's figures. (The files also list, blank, the indicators
    a unit gave no figure for: left out here.)"""
    params = {"plan": plan_id, "period": period_id}
    queries = [
        f"""SELECT o.id, o.name, a.name, o.side, r.id, r.status, r.submitted_at, r.reopened_until,
                   CASE WHEN r.status = 'returned' THEN 'returned'
                        WHEN r.id IS NULL OR r.status = 'draft' OR r.submitted_at IS NULL THEN 'missing'
                        WHEN {_LATE} THEN 'late' ELSE 'on_time' END
              FROM reports_reportingunit u
              JOIN programmes_organisation o ON o.id = u.organisation_id
              JOIN programmes_area a ON a.id = o.area_id
              JOIN reports_reportingperiod p ON p.id = %(period)s
              LEFT JOIN reports_progressreport r ON r.period_id = p.id AND r.organisation_id = u.organisation_id
             WHERE u.plan_id = %(plan)s
             ORDER BY a.path, o.name""",
        f"""SELECT i.id, i.name, i.aggregation, i.target_value,
                   CASE WHEN i.aggregation = 'sum' THEN sum(v.value) ELSE avg(v.value) END, count(v.value)
              FROM programmes_indicator i
              JOIN programmes_commitment c ON c.id = i.commitment_id
              LEFT JOIN (reports_indicatorvalue v JOIN reports_progressreport r
                         ON r.id = v.report_id AND r.period_id = %(period)s AND r.status IN {RECEIVED})
                ON v.indicator_id = i.id
             WHERE c.plan_id = %(plan)s
             GROUP BY i.id""",
        f"""SELECT c.id, c.number, c.text, o.side, o.name, cp.status
              FROM reports_commitmentprogress cp
              JOIN reports_progressreport r ON r.id = cp.report_id AND r.period_id = %(period)s AND r.status IN {RECEIVED}
              JOIN programmes_commitment c ON c.id = cp.commitment_id
              JOIN programmes_organisation o ON o.id = r.organisation_id
             ORDER BY c.id, o.name""",
        f"""SELECT o.name, r.results, r.shortcomings, r.causes, r.next_steps
              FROM reports_progressreport r JOIN programmes_organisation o ON o.id = r.organisation_id
             WHERE r.period_id = %(period)s AND r.status IN {RECEIVED}""",
        f"""SELECT o.name, pr.text, pr.answer FROM reports_proposal pr
              JOIN reports_progressreport r ON r.id = pr.report_id AND r.period_id = %(period)s AND r.status IN {RECEIVED}
              JOIN programmes_organisation o ON o.id = r.organisation_id""",
        f"""SELECT o.name, a.name, r.status, c.number, i.name, i.unit, i.target_value, v.value
              FROM reports_indicatorvalue v
              JOIN reports_progressreport r ON r.id = v.report_id AND r.period_id = %(period)s AND r.status IN {RECEIVED}
              JOIN programmes_indicator i ON i.id = v.indicator_id
              JOIN programmes_commitment c ON c.id = i.commitment_id
              JOIN programmes_organisation o ON o.id = r.organisation_id
              JOIN programmes_area a ON a.id = o.area_id
             ORDER BY r.id, c.id, i.id""",
    ]
    out = []
    for query in queries:
        cursor.execute(query, params)
        out.append(cursor.fetchall())
    return out


def late_units(cursor, *, day: date, days_overdue: int = 7) -> list:
    """The heart of the reminder sweep on ``day``: for every period due ``days_overdue`` days before,
    the units with no report received, and the people who report for them."""
    cursor.execute(
        f"""SELECT p.id, u.organisation_id, o.name, us.id, us.email
              FROM reports_reportingperiod p
              JOIN programmes_plan pl ON pl.id = p.plan_id AND pl.status = 'in_force'
              JOIN reports_reportingunit u ON u.plan_id = p.plan_id
              JOIN programmes_organisation o ON o.id = u.organisation_id
              LEFT JOIN programmes_membership m ON m.organisation_id = u.organisation_id AND m.role = 'reporter'
              LEFT JOIN programmes_user us ON us.id = m.user_id AND us.is_active
             WHERE p.due_on = %(due)s
               AND NOT EXISTS (SELECT 1 FROM reports_progressreport r
                                WHERE r.period_id = p.id AND r.organisation_id = u.organisation_id AND r.status IN {RECEIVED})""",
        {"due": day - timedelta(days=days_overdue)},
    )
    return cursor.fetchall()
