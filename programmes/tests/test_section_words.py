"""A section's title is "Tên phần", not the document's "Tên văn bản"."""

import re

from django.urls import reverse

from programmes.models import Section


def test_a_sections_title_is_labelled_tên_phần(client, editor, plan):
    client.force_login(editor)
    page = client.get(reverse("programmes:commitments", args=[plan.pk])).content.decode()
    label = re.search(r'<label[^>]*for="id_new-section-title"[^>]*>\s*([^<]+)', page).group(1).strip()
    assert label == "Tên phần"
    assert str(Section._meta.get_field("title").verbose_name) == "tên phần"
