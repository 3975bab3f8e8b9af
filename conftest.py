"""Personas and builders shared by every test.

A small world: province P with communes A and B, and a historical province
H (with a district) that P took over in the 2025 reform; province Q
elsewhere. Each persona is one user with one role.
"""

from dataclasses import dataclass
from datetime import date

import pytest
import time_machine

from programmes.models import Area, Indicator, Membership, Organisation, User
from reports.services.periods import plan_open_reporting

Role = Membership.Role
Side = Organisation.Side
Level = Area.Level


@pytest.fixture(autouse=True)
def _fresh_cache():
    """No test reads what another one cached: the login and reset counters (a locmem cache in
    tests), and the pages and figures of the default cache. In a test nothing commits, so the
    figures' versions are never bumped (``figure_versions.bump_on_commit``), and a dashboard that
    another test cached under the same versions would be read as this test's. (With Redis, each
    test process has a database of its own: ``test_settings.redis_url_of_worker``.)"""
    from django.core.cache import caches

    caches["throttle"].clear()
    caches["default"].clear()


def built_once(django_db_blocker, build):
    """For a module-scoped fixture: yield ``build()``'s objects, made once in a transaction that is
    rolled back when the module ends. Tests that use them must also request ``db``, whose savepoint
    undoes what each test writes, so no test sees another's changes."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        built = build()
        with django_db_blocker.block():
            yield built
        transaction.set_rollback(True)


@pytest.fixture
def eager_celery():
    """Run queued tasks in the test's process, even where REDIS_URL configures a real broker."""
    from khuyenhoc.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def make_area(code, name, level, parent=None, **extra) -> Area:
    return Area.objects.create(code=code, name=name, level=level, parent=parent, **extra)


def make_organisation(name, area, side=Side.ASSOCIATION, parent=None, **extra) -> Organisation:
    return Organisation.objects.create(name=name, area=area, side=side, parent=parent, **extra)


def make_user(username, *memberships, **extra) -> User:
    """A user with ``(organisation, role)`` memberships."""
    user = User.objects.create_user(
        username=username, password="correct-horse-9", email=f"{username}@example.vn", **extra
    )
    for organisation, role in memberships:
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@dataclass
class World:
    nation: Area
    province: Area
    commune_a: Area
    commune_b: Area
    historical_province: Area
    historical_district: Area
    other_province: Area
    other_commune: Area
    department: Organisation
    association: Organisation
    unit_a: Organisation
    unit_b: Organisation
    historical_unit: Organisation
    other_department: Organisation
    other_unit: Organisation


def build_world() -> World:
    """The small world of the module docstring; the ``world`` fixture, or built once per module."""
    nation = make_area("VN", "Việt Nam", Level.NATION)
    province = make_area("P25", "Phú Thọ", Level.PROVINCE, nation)
    commune_a = make_area("W04795", "Phường Hòa Bình", Level.COMMUNE, province)
    commune_b = make_area("W05266", "Xã Lạc Sơn", Level.COMMUNE, province)
    historical_province = make_area("H17", "Hòa Bình", Level.PROVINCE, nation, is_historical=True, successor=province)
    historical_district = make_area(
        "D157", "Lạc Sơn", Level.DISTRICT, historical_province, is_historical=True, successor=commune_b
    )
    other_province = make_area("P79", "Thành phố Hồ Chí Minh", Level.PROVINCE, nation)
    other_commune = make_area("W25978", "Phường Thuận An", Level.COMMUNE, other_province)
    department = make_organisation("Sở Giáo dục và Đào tạo tỉnh Phú Thọ", province, Side.EDUCATION)
    association = make_organisation("Hội Khuyến học tỉnh Phú Thọ", province)
    return World(
        nation=nation,
        province=province,
        commune_a=commune_a,
        commune_b=commune_b,
        historical_province=historical_province,
        historical_district=historical_district,
        other_province=other_province,
        other_commune=other_commune,
        department=department,
        association=association,
        unit_a=make_organisation("Hội Khuyến học phường Hòa Bình", commune_a, parent=association),
        unit_b=make_organisation("Hội Khuyến học xã Lạc Sơn", commune_b, parent=association),
        historical_unit=make_organisation("Hội Khuyến học huyện Lạc Sơn", historical_district),
        other_department=make_organisation(
            "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", other_province, Side.EDUCATION
        ),
        other_unit=make_organisation("Hội Khuyến học phường Thuận An", other_commune),
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


def make_persona(name, world) -> User:
    """One persona of ``world`` by name: the fixtures of the same names, or built once per module."""
    if name == "superuser":
        return User.objects.create_superuser("root", "root@example.vn", "correct-horse-9")
    memberships = {
        "editor": (world.department, Role.EDITOR),
        "reviewer": (world.association, Role.REVIEWER),
        "leader": (world.department, Role.LEADER),
        "reporter_a": (world.unit_a, Role.REPORTER),
        "reporter_b": (world.unit_b, Role.REPORTER),
        # An editor of another province: signed in, but none of province P is theirs.
        "outsider": (world.other_department, Role.EDITOR),
    }
    extra = {"full_name": "Nguyễn Văn Biên"} if name == "editor" else {}
    return make_user(name, memberships[name], **extra)


@pytest.fixture
def editor(world):
    return make_persona("editor", world)


@pytest.fixture
def reviewer(world):
    return make_persona("reviewer", world)


@pytest.fixture
def leader(world):
    return make_persona("leader", world)


@pytest.fixture
def reporter_a(world):
    return make_persona("reporter_a", world)


@pytest.fixture
def reporter_b(world):
    return make_persona("reporter_b", world)


@pytest.fixture
def outsider(world):
    """An editor of another province: signed in, but none of province P is theirs."""
    return make_persona("outsider", world)


@pytest.fixture
def superuser(world):
    return make_persona("superuser", world)


PERSONAS = ["anonymous", "superuser", "editor", "reviewer", "leader", "reporter_a", "reporter_b", "outsider"]


@pytest.fixture
def persona(request):
    """Resolve a persona name to a user (None for anonymous)."""

    def resolve(name):
        return None if name == "anonymous" else request.getfixturevalue(name)

    return resolve


def make_plan(
    area, *parties, number="1392/KH-SGD&ĐT-HKH", title="Kế hoạch phối hợp công tác giai đoạn 2012-2016", **extra
):
    """A plan through the service, as the pages create it, with ``parties`` (organisations)."""
    from programmes.models import Plan
    from programmes.services.plans import PartyData, plan_save

    fields = {"kind": Plan.Kind.PLAN, "start_year": 2012, "end_year": 2016, **extra}
    plan = Plan(area=area, number=number, title=title, **fields)
    return plan_save(user=None, plan=plan, parties=[PartyData(organisation=o) for o in parties])


def make_commitment(
    plan, number, text="Tuyên truyền về xã hội học tập", party="joint", section=None, supporters=(), **extra
):
    from programmes.models import Commitment, Section

    if section is None:
        section = plan.sections.first() or Section.objects.create(
            plan=plan, number="II", title="Nội dung phối hợp", order=1
        )
    order = extra.pop("order", Commitment.objects.filter(section=section).count() + 1)
    commitment = Commitment.objects.create(
        plan=plan, section=section, number=number, text=text, party=party, order=order, **extra
    )
    commitment.supporters.set(supporters)
    return commitment


def make_pupil_list(plan, drawn_by, received_by, *, title="Học sinh đạt giải", status="draft", **extra):
    """A pupil list of ``plan`` for the 2025-2026 school year; sent now if ``status`` is not draft."""
    from django.utils import timezone

    from awards.models import PupilList

    fields = {"kind": "prizes", "school_year": 2025, **extra}
    sent = None if status == "draft" else timezone.now()
    return PupilList.objects.create(
        title=title, plan=plan, drawn_by=drawn_by, received_by=received_by, status=status, sent_at=sent, **fields
    )


def add_pupil(pupil_list, full_name="Trần Minh Khang", *, consent=True, **extra):
    """A pupil of the list, born 01/09/2011 at THCS Nguyễn Du, with the parents' consent unless not."""
    from awards.models import ListEntry

    fields = {"birth_date": date(2011, 9, 1), "school": "THCS Nguyễn Du", "reason": "Giải nhì môn Toán cấp tỉnh"}
    if consent:
        fields.update(consent=True, consent_by="Trần Văn Hải (cha)", consent_on=date(2026, 3, 2))
    return ListEntry.objects.create(pupil_list=pupil_list, full_name=full_name, **{**fields, **extra})


def make_conference(period, responsible, *, text="Tuyên dương học sinh vượt khó"):
    """The review conference of ``period`` on 10/07 of its year, with one open conclusion for ``responsible``."""
    from conferences.models import Conclusion, Conference

    conference = Conference.objects.create(
        plan=period.plan, period=period, held_on=date(period.year, 7, 10), place="Việt Trì", chairs="Nguyễn Văn Chủ"
    )
    conclusion = Conclusion.objects.create(conference=conference, number=1, text=text, responsible=responsible)
    return conference, conclusion


def build_plan(world):
    """A provincial plan in force with one section and two commitments."""
    plan = make_plan(world.province, world.department, world.association, status="in_force")
    make_commitment(plan, "1", "Đẩy mạnh công tác thông tin, tuyên truyền")
    make_commitment(plan, "2", "Củng cố trung tâm học tập cộng đồng", party="association")
    return plan


def build_other_plan(world):
    """A plan of the other province."""
    return make_plan(
        world.other_province,
        world.other_department,
        number="06/HKH-PGD",
        title="Thỏa thuận phối hợp",
        status="in_force",
    )


def build_reporting_plan(plan):
    """``plan`` for 2026, with an indicator of each kind, open for reporting."""
    plan.start_year = plan.end_year = 2026
    plan.save()
    association_item = plan.commitments.get(number="2")
    Indicator.objects.create(
        commitment=association_item, name="Học bổng", unit="vnd", target_value=1_000_000, aggregation="sum"
    )
    Indicator.objects.create(
        commitment=association_item, name="Tỷ lệ hội viên", unit="percent", target_value=85, aggregation="mean"
    )
    make_commitment(plan, "3", "Sở chỉ đạo các trường", party="department")
    plan_open_reporting(user=None, plan=plan)
    return plan


@pytest.fixture
def plan(world):
    """A provincial plan in force with one section and two commitments."""
    return build_plan(world)


@pytest.fixture
def other_plan(world):
    """A plan of the other province."""
    return build_other_plan(world)


# Reporting ------------------------------------------------------------------


@pytest.fixture
def reporting_plan(plan):
    """The shared ``plan`` (province P, in force) for 2026, with an indicator of each kind."""
    return build_reporting_plan(plan)


@pytest.fixture
def h1(reporting_plan):
    return reporting_plan.periods.get(year=2026, half="H1")


# A day inside the first half of 2026, before the due date.
IN_H1 = date(2026, 5, 20)


@pytest.fixture
def in_h1():
    """A day inside the first half of 2026, before the due date."""
    with time_machine.travel(IN_H1, tick=False):
        yield


# Documents as printed ---------------------------------------------------------


@dataclass
class PrintedPage:
    """One page of a document printed to PDF: its size and every word's box, in points."""

    width: float
    height: float
    words: list[tuple[float, float, float, float, str]]  # x_min, y_min, x_max, y_max, text

    @property
    def lines(self) -> list[str]:
        """The words of each printed line, left to right (columns side by side share a line)."""
        rows: list[list[tuple]] = []
        for word in sorted(self.words, key=lambda w: (w[3], w[0])):
            if rows and abs(rows[-1][0][3] - word[3]) < 3:  # the same baseline, give or take a font size
                rows[-1].append(word)
            else:
                rows.append([word])
        return [" ".join(w[4] for w in sorted(row)) for row in rows]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def print_docx(content: bytes, directory) -> list[PrintedPage]:
    """``content`` (a .docx) printed to PDF by LibreOffice, as staff would print it, and read back
    page by page with poppler's ``pdftotext -bbox``. The PDF is left in ``directory``.

    Skips without LibreOffice or poppler (``apt-get install libreoffice-writer-nogui
    poppler-utils``); fails instead when REQUIRE_LIBREOFFICE is set, as on CI."""
    import html
    import os
    import re
    import shutil
    import subprocess
    from pathlib import Path

    missing = [tool for tool in ("soffice", "pdftotext") if not shutil.which(tool)]
    if missing:
        message = f"{' and '.join(missing)} not found: the printed layout is not checked"
        if os.environ.get("REQUIRE_LIBREOFFICE"):
            pytest.fail(message + ", but REQUIRE_LIBREOFFICE is set")
        pytest.skip(message)
    directory = Path(directory)
    source = directory / "document.docx"
    source.write_bytes(content)
    # A profile of its own: two LibreOffice processes (parallel test workers) cannot share one.
    profile = (directory / "libreoffice-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", directory]
        + [source],
        check=True,
        capture_output=True,
        timeout=180,
    )
    boxes = subprocess.run(
        ["pdftotext", "-bbox", directory / "document.pdf", "-"], check=True, capture_output=True, timeout=60, text=True
    ).stdout
    pages = []
    for width, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S):
        words = [
            (float(x0), float(y0), float(x1), float(y1), html.unescape(text))
            for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body
            )
        ]
        pages.append(PrintedPage(float(width), float(height), words))
    return pages


def read_docx(content: bytes):
    """A Word document from its bytes, to read it back."""
    import io

    import docx

    return docx.Document(io.BytesIO(content))


def all_text(document) -> str:
    """Every paragraph's text, the tables' included (nested in order)."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)
