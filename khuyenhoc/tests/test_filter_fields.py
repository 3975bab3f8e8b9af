"""``{% filter_field %}`` writes what ``|as_crispy_field`` writes, so that swapping crispy out of the
filter forms for speed (issue 12) kept the labels, ids, errors and ARIA attributes the pages, their
browser tests and assistive technology rely on."""

import pytest
from django import forms
from django.template import Context, Template
from django.test.html import parse_html


class Filters(forms.Form):
    area = forms.ChoiceField(
        label="Địa bàn",
        required=False,
        choices=[("", "Tất cả"), ("1", "Phú Thọ"), ("2", "Hòa Bình")],
        help_text="Cả các xã, phường trực thuộc",
    )
    period = forms.ChoiceField(
        label="Kỳ báo cáo", choices=[("2026-H1", "6 tháng đầu năm 2026"), ("2025-H2", "6 tháng cuối năm 2025")]
    )
    year = forms.IntegerField(label="Năm", required=False, min_value=2000, help_text="Ví dụ: 2026")
    side = forms.ChoiceField(
        label="Bên", required=False, choices=[("", "—")], widget=forms.Select(attrs={"data-x": "1"})
    )


def _both(form, name):
    context = Context({"field": form[name]})
    ours = Template("{% load filter_fields %}{% filter_field field %}").render(context)
    crispy = Template("{% load crispy_forms_tags %}{{ field|as_crispy_field }}").render(context)
    return parse_html(ours), parse_html(crispy)


@pytest.mark.parametrize(
    "data",
    [None, {"area": "2", "period": "2025-H2", "year": "2026"}, {"area": "9", "period": "", "year": "abc", "side": "x"}],
    ids=["unbound", "valid", "invalid"],
)
@pytest.mark.parametrize("name", ["area", "period", "year", "side"])
def test_filter_field_writes_what_crispy_writes(data, name):
    form = Filters(data)
    if data is not None:
        form.is_valid()
    ours, crispy = _both(form, name)
    assert ours == crispy


def test_an_invalid_choice_is_announced_next_to_its_field():
    form = Filters({"area": "9", "period": "2026-H1"})
    assert not form.is_valid()
    html = Template("{% load filter_fields %}{% filter_field form.area %}").render(Context({"form": form}))
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_area_helptext id_area_error"' in html
    assert 'id="id_area_error"' in html and "invalid-feedback" in html
