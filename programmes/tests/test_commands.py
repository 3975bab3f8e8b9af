from django.core.management import call_command

from programmes.models import Area


def test_load_areas_loads_the_units_after_the_2025_reform(db, capsys):
    call_command("load_areas")
    out = capsys.readouterr().out
    assert "34 provinces" in out
    assert Area.objects.filter(level=Area.Level.PROVINCE).count() == 34
    assert Area.objects.filter(level=Area.Level.COMMUNE).count() > 3000
    phu_tho = Area.objects.get(code="P25")
    assert phu_tho.name == "Phú Thọ"
    ward = Area.objects.get(code="W04795")
    assert ward.name == "Phường Hòa Bình"
    assert ward.parent == phu_tho
    assert ward.path == "VN/P25/W04795/"


def test_load_areas_twice_changes_nothing_and_keeps_keys(db, capsys):
    call_command("load_areas")
    keys = dict(Area.objects.values_list("code", "pk"))
    call_command("load_areas")
    assert "0 created, 0 updated" in capsys.readouterr().out
    assert dict(Area.objects.values_list("code", "pk")) == keys


def test_load_areas_repairs_a_renamed_unit(db):
    call_command("load_areas")
    Area.objects.filter(code="P25").update(name="Phu Tho")
    call_command("load_areas")
    assert Area.objects.get(code="P25").name == "Phú Thọ"
