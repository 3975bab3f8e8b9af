from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.forms import CleanTextMixin

from .models import Kind


class PreferencesForm(CleanTextMixin, forms.Form):
    """One box per kind of reminder: ticked means "send it to me"."""

    wanted = forms.MultipleChoiceField(
        label=_("Reminders I want to receive"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
