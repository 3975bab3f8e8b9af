"""Who reads a plan's feed (its parties' staff and the units reporting on it) and who posts in it
(an editor, reviewer or administrator of a party); everyone else gets 404."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from conftest import make_plan, make_user
from feed import access
from feed.models import Entry, EntryAttachment
from feed.services import record
from programmes.models import Membership, User
from reports.models import ReportingUnit

Role = Membership.Role


@pytest.mark.parametrize(
    "persona_name,reads",
    [
        ("superuser", True),
        ("editor", True),  # the department's, a party
        ("reviewer", True),  # the association's, a party
        ("leader", True),  # the department's too: any role of a party reads
        ("reporter_a", True),  # a commune association that reports on the plan
        ("reporter_b", True),
        ("outsider", False),  # another province
    ],
)
def test_the_parties_and_the_reporting_units_read_the_feed(client, persona, reporting_plan, persona_name, reads):
    user = persona(persona_name)
    client.force_login(user)
    assert (reporting_plan in access.feeds_readable_by(user)) is reads
    response = client.get(reverse("feed:entries", args=[reporting_plan.pk]))
    assert response.status_code == (200 if reads else 404)


def test_a_unit_reads_only_the_feeds_of_the_plans_it_reports_on(client, world, reporting_plan, reporter_a, editor):
    """A second plan of the province on which commune A does not report: its staff see the plan
    itself (it is in force in their province), not its feed."""
    other = make_plan(world.province, world.department, world.association, number="7/KH", status="in_force")
    ReportingUnit.objects.create(plan=other, organisation=world.unit_b)
    client.force_login(reporter_a)
    assert client.get(reverse("programmes:plan_detail", args=[other.pk])).status_code == 200
    assert client.get(reverse("feed:entries", args=[other.pk])).status_code == 404
    assert list(access.feeds_readable_by(reporter_a)) == [reporting_plan]
    assert set(access.feeds_readable_by(editor)) == {reporting_plan, other}


def test_staff_of_the_area_who_are_no_party_do_not_read_it(client, world, reporting_plan):
    """The province's association does not read the feed of a plan it did not sign, though its
    staff see the plan: the feed is the parties' and their units', not the area's."""
    partner = make_plan(world.province, world.department, number="8/KH", status="in_force")
    client.force_login(make_user("assoc_editor", (world.association, Role.EDITOR)))
    assert client.get(reverse("feed:entries", args=[partner.pk])).status_code == 404
    assert client.get(reverse("feed:entries", args=[reporting_plan.pk])).status_code == 200


def test_anonymous_is_sent_to_the_login_page(client, reporting_plan):
    response = client.get(reverse("feed:entries", args=[reporting_plan.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "persona_name,parties",
    [
        ("editor", ["department"]),
        ("reviewer", ["association"]),
        ("leader", []),  # reads, does not post
        ("reporter_a", []),
        ("superuser", []),  # reads every feed, but is no party
        ("outsider", []),
    ],
)
def test_editors_reviewers_and_administrators_of_a_party_post_for_it(
    world, reporting_plan, persona, persona_name, parties
):
    posting = access.posting_parties(persona(persona_name), reporting_plan)
    assert posting == [getattr(world, name) for name in parties]


def test_one_person_of_both_parties_chooses_which_one_posts(world, reporting_plan):
    both = make_user("both", (world.department, Role.EDITOR), (world.association, Role.ADMIN))
    assert access.posting_parties(both, reporting_plan) == [world.department, world.association]


def test_the_readers_notified_are_exactly_those_who_read(
    world, reporting_plan, editor, reviewer, leader, reporter_a, reporter_b, outsider, superuser
):
    make_user("gone", (world.unit_a, Role.REPORTER), is_active=False)  # reads nothing, told nothing
    readers = set(access.readers_of(reporting_plan))
    # One question asked two ways, per person and per plan: the same answer.
    assert readers == {
        u.pk for u in User.objects.exclude(pk=superuser.pk) if reporting_plan in access.feeds_readable_by(u)
    }
    assert readers == {editor.pk, reviewer.pk, leader.pk, reporter_a.pk, reporter_b.pk}
    assert set(access.readers_of(reporting_plan, parties_only=True)) == {editor.pk, reviewer.pk, leader.pk}


def test_an_attachment_downloads_only_for_readers(client, world, reporting_plan, editor, reporter_a, outsider):
    entry = record(plan=reporting_plan, kind=Entry.Kind.NOTICE, title="Lịch họp")
    attachment = EntryAttachment.objects.create(
        entry=entry,
        file=ContentFile(b"%PDF-1.4\n%%EOF", name="a.pdf"),
        name="lich-hop.pdf",
        size=14,
        content_type="application/pdf",
    )
    url = reverse("feed:attachment", args=[reporting_plan.pk, attachment.pk])
    client.force_login(reporter_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="lich-hop.pdf"' in response["Content-Disposition"]
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    # Through another plan's feed, even one the user reads, the file is not found.
    other = make_plan(world.province, world.department, number="9/KH", status="in_force")
    client.force_login(editor)
    assert client.get(reverse("feed:attachment", args=[other.pk, attachment.pk])).status_code == 404
