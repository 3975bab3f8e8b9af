"""Dates are typed and shown day first, whatever the browser's language (khuyenhoc/dates.py)."""

import importlib
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.utils import translation

from khuyenhoc.dates import DateField, DateWidget, date_inputs

BASE_DIR = Path(__file__).resolve().parents[2]
FORM_MODULES = ["programmes.forms", "programmes.import_forms", "reports.forms", "tasks.forms", "khuyenhoc.forms"]


class OneDate(forms.Form):
    day = DateField(label="Ngày")


def errors_for(text):
    form = OneDate({"day": text})
    assert not form.is_valid()
    return form.errors["day"]


@pytest.mark.parametrize("text", ["4/7/2025", "04/07/2025", "4-7-2025", "4.7.2025", " 04 / 07 / 2025 ", "2025-07-04"])
def test_the_date_field_reads_the_day_first(text):
    form = OneDate({"day": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date(2025, 7, 4)  # 4 July, never 7 April


@pytest.mark.parametrize("text", ["31/02/2026", "29/2/2025", "4/13/2025", "00/07/2025"])
def test_an_impossible_date_is_refused_in_vietnamese(text):
    with translation.override("vi"):
        assert errors_for(text) == [f"Không có ngày {text}: hãy kiểm tra lại ngày và tháng."]


@pytest.mark.parametrize("text", ["4/7/25", "July 4", "4/7-2025", "04072025"])
def test_a_text_that_is_not_a_date_says_how_to_write_one(text):
    with translation.override("vi"):
        assert errors_for(text) == ["Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 04/07/2025."]


def test_the_widget_is_a_numeric_text_input_showing_dd_mm_yyyy():
    with translation.override("vi"):
        html = OneDate(initial={"day": date(2025, 7, 4)}).as_p()
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'value="04/07/2025"' in html
    assert 'inputmode="numeric"' in html and 'placeholder="ngày/tháng/năm"' in html
    # The calendar button is hidden until the script can open a picker.
    assert "data-date-picker" in html and " hidden>" in html


def test_what_was_typed_is_shown_again_as_typed_on_error():
    html = OneDate({"day": "31/02/2026"}).as_p()
    assert 'value="31/02/2026"' in html


def test_an_iso_date_from_the_importer_is_shown_day_first():
    assert DateWidget().format_value("2012-07-24") == "24/07/2012"


def _project_forms():
    for name in FORM_MODULES:
        importlib.import_module(name)
    stack, found = list(forms.BaseForm.__subclasses__()), []
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__ in FORM_MODULES:
            found.append(cls)
    return found


def test_every_date_in_every_form_is_the_day_first_field():
    fields = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, DateField)
    ]
    assert fields == []
    assert (
        len([cls for cls in _project_forms() if any(isinstance(f, DateField) for f in cls.base_fields.values())]) >= 6
    )


def test_no_template_uses_the_browsers_month_first_date_input():
    templates = [*BASE_DIR.glob("templates/**/*.html"), *BASE_DIR.glob("*/templates/**/*.html")]
    assert [str(t) for t in templates if 'type="date"' in t.read_text(encoding="utf-8")] == []


def test_date_inputs_for_many_rows_write_what_the_widget_writes():
    field = date_inputs("until", id_prefix="until-", **{"class": "form-control form-control-sm"}, required=True)
    for ident, day in [(3, date(2026, 7, 4)), (41, date(2026, 12, 25))]:
        widget = DateWidget(attrs={"id": f"until-{ident}", "class": "form-control form-control-sm", "required": True})
        assert field(ident, day) == widget.render("until", day)
