from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.forms import ChoicePromptsMixin, CleanTextMixin
from programmes.models import Organisation
from programmes.validators import evidence_type

from .models import POSTED_KINDS, Entry
from .services import check_files


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's recipe); each is validated on its own."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        check_files(files)
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


class EntryForm(ChoicePromptsMixin, CleanTextMixin, forms.Form):
    """A post in a plan's feed, as one of the parties the user may post for."""

    party = forms.ModelChoiceField(label=_("Posted by"), queryset=None, empty_label=None)
    kind = forms.ChoiceField(
        label=_("Kind of entry"), choices=[(kind.value, kind.label) for kind in POSTED_KINDS], initial=Entry.Kind.NOTICE
    )
    number = forms.CharField(
        label=_("Number and symbol"),
        max_length=60,
        required=False,
        help_text=_("For an official letter, as printed, for example 125/HKH-VP."),
    )
    title = forms.CharField(label=_("Subject"), max_length=255)
    body = forms.CharField(
        label=_("Content"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(
        label=_("Files"),
        required=False,
        validators=[evidence_type],
        error_messages={"empty": _("The file is empty.")},
        help_text=_("Up to 5 files: PDF, image, Word, Excel or PowerPoint, at most 10 MB each and 20 MB together."),
    )

    def __init__(self, *args, parties: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Organisation.objects.filter(pk__in=[party.pk for party in parties])
        if len(parties) == 1:  # nothing to choose: posted as the user's one party
            self.fields["party"].widget = forms.HiddenInput()
            self.fields["party"].initial = parties[0].pk


class FilterForm(ChoicePromptsMixin, CleanTextMixin, forms.Form):
    """The feed's filters. A value not offered (a stale or forged link) is that field's error, and
    that filter alone is left out."""

    party = forms.ModelChoiceField(label=_("Party"), queryset=None, required=False, empty_label=_("All parties"))
    kind = forms.ChoiceField(label=_("Kind of entry"), required=False, choices=[("", _("All")), *Entry.Kind.choices])

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()  # cleaned_data then holds the valid fields only
        return {"party": self.cleaned_data.get("party"), "kind": self.cleaned_data.get("kind") or ""}


class SubscriptionForm(forms.Form):
    weekly_digest = forms.BooleanField(
        label=_("Send me a weekly e-mail of what was posted in the feeds of my plans"),
        required=False,
        help_text=_("Every Monday morning, the entries of the week before; no e-mail for a week without any."),
    )
