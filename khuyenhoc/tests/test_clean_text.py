"""Text pasted from Word or a PDF is cleaned of control characters in every form and the admin."""

import inspect
import unicodedata

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from khuyenhoc.forms import CleanTextMixin
from khuyenhoc.text import clean_text


def test_clean_text_keeps_vietnamese_and_line_breaks_and_drops_controls():
    assert clean_text("\x0bKết quả\x0c\x01") == "\nKết quả\n"  # Word's line and page breaks end a line
    assert clean_text("a\r\nb\rc\td") == "a\nb\nc\td"
    assert clean_text("x\x00\x01\x08\x1b\x7f\x80\x9fy") == "xy"
    assert clean_text("x\ud800\udfff\ufffe\uffffy") == "xy"
    decomposed = unicodedata.normalize("NFD", "Hội Khuyến học tỉnh Phú Thọ")
    assert clean_text(decomposed) == unicodedata.normalize("NFC", "Hội Khuyến học tỉnh Phú Thọ")
    assert clean_text("  two  spaces \u00a0") == "  two  spaces \u00a0"  # the fields strip, not this


class _Sample(CleanTextMixin, forms.Form):
    title = forms.CharField(max_length=5)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    count = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["late"] = forms.CharField(required=False)  # added after Django's __init__, as ReportForm does


@pytest.mark.parametrize("as_querydict", [True, False])
def test_a_form_validates_the_cleaned_text_and_shows_it_again(as_querydict):
    from django.http import QueryDict

    raw = {"title": "\x0bKết\x01\x0c", "password": "p\x01ss", "late": "a\x0bb\x02", "count": "3"}
    data = QueryDict(mutable=True) if as_querydict else {}
    data.update(raw)
    form = _Sample(data)
    assert form.is_valid(), form.errors  # "Kết" fits in 5 characters once cleaned
    assert form.cleaned_data["title"] == "Kết"
    assert form.cleaned_data["late"] == "a\nb"
    assert form.cleaned_data["password"] == "p\x01ss"  # a password is checked exactly as typed
    assert form["title"].value() == "\nKết\n"  # shown again without the controls
    assert data["title"] == raw["title"]  # the request's data itself is left alone


OUR_FORM_MODULES = ["khuyenhoc.forms", "programmes.forms", "programmes.import_forms", "reports.forms", "tasks.forms"]


def test_every_form_of_the_portal_cleans_its_text():
    import importlib

    missing, seen = [], 0
    for name in OUR_FORM_MODULES:
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                seen += 1
                if not issubclass(cls, CleanTextMixin):
                    missing.append(f"{name}.{cls.__name__}")
    assert seen > 15 and missing == []


def test_every_admin_form_with_text_cleans_it(superuser):
    request = RequestFactory().get("/")
    request.user = superuser
    checked, missing = 0, []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"programmes", "reports", "tasks"}:
            continue
        form_classes = [model_admin.get_form(request)]
        form_classes += [inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)]
        for form_class in form_classes:
            if any(isinstance(field, forms.CharField) for field in form_class.base_fields.values()):
                checked += 1
                if not issubclass(form_class, CleanTextMixin):
                    missing.append(f"{model.__name__}: {form_class.__name__}")
    assert checked > 10 and missing == []
