"""Control characters pasted into the admin or found in an imported document are not stored."""

from django.core.management import call_command
from django.urls import reverse

from conftest import make_commitment
from programmes.importer.parser import parse_plan
from programmes.models import Commitment, Plan
from programmes.tests.test_plan_import_views import SEEDS, form_values

DIRTY = "\x0bTuyên truyền\x01 về học tập suốt đời\x0c\ufffe"


def test_an_admin_edit_of_a_commitment_stores_clean_text(client, superuser, plan):
    commitment = make_commitment(plan, "3", "Nội dung cũ")
    url = reverse("admin:programmes_commitment_change", args=[commitment.pk])
    client.force_login(superuser)
    data = form_values(client.get(url).content.decode())
    data.update({"text": DIRTY, "number": "3\x01", "_save": "1"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    commitment.refresh_from_db()
    assert commitment.text == "Tuyên truyền về học tập suốt đời"
    assert commitment.number == "3"


def _dirty_seed() -> str:
    text = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    # Every commitment line gets what a PDF or a Word paste brings along.
    return "\n".join(
        line + "\x01\ufffe\x7f" if line[:2].strip().rstrip(".").isdigit() else line for line in text.splitlines()
    )


def test_the_importer_drops_control_characters_of_the_document():
    parsed = parse_plan(_dirty_seed().replace("\n", "\x0b", 3))
    texts = [parsed.title, *(c.text for c in parsed.commitments), *(c.number for c in parsed.commitments)]
    assert len(parsed.commitments) == 15
    assert [t for t in texts if any(ord(ch) < 32 and ch not in "\t\n" or ch in "\x7f\ufffe" for ch in t)] == []


def test_import_plan_saves_a_document_with_control_characters_clean(db, world, tmp_path, capsys):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(_dirty_seed(), encoding="utf-8")
    call_command("import_plan", str(path), "--area", world.province.code)
    plan = Plan.objects.get(number="06/HKH-PGD")
    texts = list(Commitment.objects.filter(plan=plan).values_list("text", flat=True))
    assert len(texts) == 15
    assert not any(ch in text for text in texts for ch in "\x01\ufffe\x7f")
