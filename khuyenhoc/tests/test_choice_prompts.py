"""Selects ask what to choose ("— Chọn … —"), never show Django's "---------"."""

from django import forms
from django.utils import translation

from khuyenhoc.forms import BLANK_LABELS, ChoicePromptsMixin
from khuyenhoc.tests.test_dates import _project_forms
from programmes.models import Commitment


class Example(ChoicePromptsMixin, forms.Form):
    party = forms.ChoiceField(label="Bên chủ trì", choices=[("", "---------"), *Commitment.Party.choices])
    kind = forms.ChoiceField(label="Loại", choices=[("", "Tất cả"), ("a", "A")])  # a filter's own "all"


def test_a_blank_choice_names_what_to_choose():
    with translation.override("vi"):
        html = str(Example())
    assert '<option value="" selected>— Chọn bên chủ trì —</option>' in html
    assert '<option value="" selected>Tất cả</option>' in html  # chosen words are kept
    assert "---------" not in html


def test_every_form_with_a_blank_choice_asks_what_to_choose():
    def has_blank(field):
        if isinstance(field, (forms.ModelMultipleChoiceField, forms.MultipleChoiceField)):
            return False
        if isinstance(field, forms.ModelChoiceField):
            return field.empty_label in BLANK_LABELS
        if isinstance(field, forms.ChoiceField):
            return any(
                value == "" and label in BLANK_LABELS for value, label in field.choices if isinstance(label, str)
            )
        return False

    forms_with_blanks = [cls for cls in _project_forms() if any(has_blank(f) for f in cls.base_fields.values())]
    assert len(forms_with_blanks) >= 5
    assert [cls.__name__ for cls in forms_with_blanks if not issubclass(cls, ChoicePromptsMixin)] == []
