"""The forms of the pupil lists: a list's heading, an entry typed in the browser, a spreadsheet
uploaded, the reason for returning a list."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from khuyenhoc.dates import DateField
from khuyenhoc.forms import ChoicePromptsMixin, CleanTextMixin
from khuyenhoc.text import fold
from programmes.forms import LocalDecimalField
from programmes.models import Commitment
from programmes.selectors import plans_visible_to

from . import access, spreadsheet
from .models import ListEntry, PupilList


class PupilListForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    due_on = DateField(label=_("Due on"), required=False)

    class Meta:
        model = PupilList
        fields = ["title", "kind", "plan", "commitment", "drawn_by", "received_by", "school_year", "due_on"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = plans_visible_to(user).select_related("area").order_by("-start_year", "number")
        self.fields["plan"].queryset = plans
        self.fields["commitment"].queryset = Commitment.objects.filter(plan__in=plans, withdrawn_on__isnull=True)
        self.fields["drawn_by"].queryset = access.drawing_organisations(user)
        self.fields["received_by"].queryset = access.receiving_organisations(user)

    def clean(self):
        cleaned = super().clean()
        commitment, plan = cleaned.get("commitment"), cleaned.get("plan")
        if commitment and plan and commitment.plan_id != plan.pk:
            self.add_error("commitment", _("This commitment belongs to another plan."))
        if cleaned.get("drawn_by") and cleaned.get("drawn_by") == cleaned.get("received_by"):
            self.add_error("received_by", _("A list goes to another party than the one that draws it up."))
        return cleaned


class EntryForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    birth_date = DateField(label=_("Date of birth"))
    consent_on = DateField(label=_("Consent given on"), required=False)

    def __init__(self, *args, pupil_list: PupilList, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_by"].queryset = access.proposing_organisations(pupil_list)

    class Meta:
        model = ListEntry
        fields = [
            "full_name",
            "birth_date",
            "school",
            "class_name",
            "commune",
            "reason",
            "evidence",
            "proposed_by",
            "consent",
            "consent_by",
            "consent_on",
        ]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2}), "evidence": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent"):
            if not cleaned.get("consent_by"):
                self.add_error("consent_by", _("Say who gave the consent."))
            if not cleaned.get("consent_on"):
                self.add_error("consent_on", _("Give the date of the consent."))
        return cleaned


class DecisionForm(CleanTextMixin, forms.ModelForm):
    given_on = DateField(label=_("Given on"), required=False)
    # Typed as Vietnamese write it: 1.500.000.
    amount = LocalDecimalField(label=_("Amount (đồng)"), required=False, max_digits=15, decimal_places=0, min_value=0)

    class Meta:
        model = ListEntry
        fields = ["decision", "amount", "in_kind", "source", "donor", "given_on", "occasion", "decision_note"]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if not decision:
            self.add_error("decision", _("Choose what was decided."))
        elif decision != ListEntry.Decision.NONE:
            if not cleaned.get("amount") and not cleaned.get("in_kind"):
                self.add_error("amount", _("Give the amount in đồng, or what was given in kind."))
            if not cleaned.get("source"):
                self.add_error("source", _("Say where the money or gift came from."))
        if cleaned.get("source") == ListEntry.Source.DONOR and not cleaned.get("donor"):
            self.add_error("donor", _("Name the donor."))
        if cleaned.get("amount") is not None:
            cleaned["amount"] = int(cleaned["amount"])
        return cleaned


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"), help_text=_("Fill in the template; at most 2 MB."))

    def __init__(self, *args, pupil_list: PupilList, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil_list = pupil_list

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > spreadsheet.MAX_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        try:
            rows = spreadsheet.read_entries(upload.read())
        except spreadsheet.SheetProblem as problem:
            raise ValidationError(problem.errors) from None
        self.rows = self._with_proposers(rows)
        return upload

    def _with_proposers(self, rows):
        """Each row's proposing unit, found by its name among the units below the drawing party;
        a name that is none of them is an error on its row, and nothing is saved."""
        units = {fold(o.name): o for o in access.proposing_organisations(self.pupil_list)}
        errors = []
        for row in rows:
            if row.proposed_by:
                row.proposer = units.get(fold(row.proposed_by))
                if row.proposer is None:
                    errors.append(
                        _("Row %(row)s: “%(name)s” is not a unit under %(party)s; write its name as the portal has it.")
                        % {"row": row.row, "name": row.proposed_by, "party": self.pupil_list.drawn_by}
                    )
        if errors:
            raise ValidationError(errors)
        return rows


class ReturnForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(label=_("What needs fixing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class AnonymiseForm(forms.Form):
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)
    confirm = forms.BooleanField(
        label=_("I understand that the pupils' names, dates of birth and circumstances are removed for good."),
        help_text=_("The schools, communes and what was given are kept, so every figure stays the same."),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        # Every year with names: one not ready is refused beside the field, saying why.
        self.fields["school_year"].choices = [(year.year, year.label) for year in years]
