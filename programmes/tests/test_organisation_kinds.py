"""An organisation's kind: read from its name within its side, and the side it reports for."""

import importlib

import pytest
from django.apps import apps as global_apps

from conftest import make_organisation
from programmes.importer.parser.parties import party_kind
from programmes.models import Organisation
from programmes.organisation_kinds import kind_on_side, side_of

Kind, Side = Organisation.Kind, Organisation.Side


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Sở Giáo dục và Đào tạo tỉnh Gia Lai", Kind.EDUCATION),
        ("Phòng GD&ĐT huyện Mỏ Cày Nam", Kind.EDUCATION),
        ("Hội Khuyến học phường Tân An", Kind.ASSOCIATION),
        ("Ủy ban nhân dân phường Tân An", Kind.PEOPLE_COMMITTEE),
        ("UBND xã Đông Hưng", Kind.PEOPLE_COMMITTEE),
        ("Tỉnh Đoàn Nghệ An", Kind.YOUTH_UNION),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố Huế", Kind.YOUTH_UNION),
        ("Liên đoàn Lao động tỉnh Lâm Đồng", Kind.LABOUR_FEDERATION),
        ("Hội Nông dân tỉnh Đắk Lắk", Kind.FARMERS_UNION),
        ("Hội Liên hiệp Phụ nữ tỉnh Cà Mau", Kind.WOMENS_UNION),
        ("Hội Cựu giáo chức tỉnh Thái Nguyên", Kind.VETERAN_TEACHERS),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh An Giang", Kind.FATHERLAND_FRONT),
        ("Thư viện tỉnh", Kind.OTHER),
    ],
)
def test_a_name_denotes_its_kind(name, kind):
    assert party_kind(name) == kind


def test_reading_a_kind_never_moves_an_organisation_to_another_side():
    # A partner that happens to carry the association's name stays a partner; an education-side
    # body with no recognisable name is the education sector.
    assert kind_on_side("Hội Khuyến học huyện cũ", Side.OTHER) == Kind.OTHER
    assert kind_on_side("Ban chỉ đạo phổ cập", Side.EDUCATION) == Kind.EDUCATION
    assert kind_on_side("UBND phường Hòa Cường", Side.EDUCATION) == Kind.PEOPLE_COMMITTEE
    for kind in Kind.values:
        for side in Side.values:
            assert side_of(kind_on_side(Kind(kind).label, side)) == side


@pytest.mark.django_db
def test_the_side_follows_the_kind(world):
    committee = make_organisation("Ủy ban nhân dân xã Mới", world.commune_a, side=Side.EDUCATION)
    assert committee.kind == Kind.PEOPLE_COMMITTEE and committee.side == Side.EDUCATION
    youth = Organisation.objects.create(name="Đoàn xã Mới", area=world.commune_a, kind=Kind.YOUTH_UNION)
    assert youth.side == Side.OTHER
    youth.kind = Kind.ASSOCIATION
    youth.save(update_fields=["kind"])
    youth.refresh_from_db()
    assert youth.side == Side.ASSOCIATION


@pytest.mark.django_db
def test_the_migration_gives_every_organisation_its_kind_and_keeps_its_side(world):
    migration = importlib.import_module("programmes.migrations.0005_organisation_kinds")
    Organisation.objects.update(kind="")
    make_organisation("UBND phường Hạ Long", world.commune_a, side=Side.EDUCATION)
    Organisation.objects.filter(name="UBND phường Hạ Long").update(kind="")
    sides = dict(Organisation.objects.values_list("pk", "side"))
    migration.give_kinds(global_apps, None)
    rows = {o.pk: o for o in Organisation.objects.all()}
    assert {pk: o.side for pk, o in rows.items()} == sides
    assert all(o.kind and side_of(o.kind) == o.side for o in rows.values())
    assert Organisation.objects.get(name="UBND phường Hạ Long").kind == Kind.PEOPLE_COMMITTEE
    assert Organisation.objects.get(pk=world.department.pk).kind == Kind.EDUCATION
