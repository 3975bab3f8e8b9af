from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Area, Organisation


class OrganisationFilterForm(forms.Form):
    query = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    side = forms.ChoiceField(
        label=_("Side"), required=False, choices=[("", _("All sides")), *Organisation.Side.choices]
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Area.Level.choices]
    )
