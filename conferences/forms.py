"""The forms of a review conference: the meeting, a conclusion, the conclusions to add to the
plan, what becomes of an unfinished commitment, and the plan that follows."""

from django import forms
from django.utils.translation import gettext_lazy as _

from khuyenhoc.dates import DateField
from khuyenhoc.forms import ChoicePromptsMixin, CleanTextMixin
from programmes import party_roles
from programmes.models import Commitment, Organisation, Plan
from reports.models import Proposal
from reports.rules import RECEIVED

from .models import CarryOver, Conclusion, Conference


class ConferenceForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    """The meeting, and a box of participants for each of the plan's parties."""

    held_on = DateField(label=_("Date"))

    class Meta:
        model = Conference
        fields = [
            "kind",
            "status",
            "held_on",
            "place",
            "chairs",
            "secretary",
            "minutes",
            "minutes_number",
            "notice_number",
        ]
        widgets = {
            "chairs": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        present = {a.organisation_id: a.people for a in self.instance.attendance.all()} if self.instance.pk else {}
        self.parties = party_roles.parties_of(plan)
        for organisation in self.parties:
            self.fields[f"people_{organisation.pk}"] = forms.CharField(
                label=_("Participants for %(party)s") % {"party": organisation.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One per line: name and position."),
                initial=present.get(organisation.pk, ""),
            )

    def attendance(self) -> dict[int, str]:
        return {o.pk: self.cleaned_data[f"people_{o.pk}"] for o in self.parties}

    def people_fields(self):
        return [self[f"people_{o.pk}"] for o in self.parties]


class ConclusionForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    deadline = DateField(label=_("Deadline"), required=False)

    class Meta:
        model = Conclusion
        fields = ["text", "responsible", "deadline", "commitment", "proposal"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.conference = conference
        plan = conference.plan
        self.fields["responsible"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in party_roles.parties_of(plan)]
        )
        self.fields["commitment"].queryset = Commitment.objects.filter(plan=plan, withdrawn_on__isnull=True).order_by(
            "section__order", "order", "pk"
        )
        self.fields["proposal"].queryset = Proposal.objects.filter(
            report__plan=plan, report__period=conference.period, report__status__in=RECEIVED
        ).select_related("report__organisation")
        self.fields["proposal"].label_from_instance = lambda p: f"{p.report.organisation}: {p.text[:80]}"


class AdoptForm(forms.Form):
    conclusions = forms.ModelMultipleChoiceField(
        label=_("Conclusions to add to the plan"),
        queryset=Conclusion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the conclusions to add to the plan.")},
    )

    def __init__(self, *args, conference: Conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusions"].queryset = conference.conclusions.filter(
            adopted_as__isnull=True, status=Conclusion.Status.OPEN
        )
        self.fields["conclusions"].label_from_instance = lambda c: f"{c.number}. {c.text}"


class CarryForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=CarryOver.Decision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to close a commitment."),
    )


class CloseForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Conclusion.Status.DONE, Conclusion.Status.DONE.label),
            (Conclusion.Status.DROPPED, Conclusion.Status.DROPPED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class SuccessorForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    number = forms.CharField(label=_("Number"), max_length=60, required=False, help_text=_("Blank until it is signed."))
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start_year") and cleaned.get("end_year") and cleaned["end_year"] < cleaned["start_year"]:
            self.add_error("end_year", _("The last year cannot come before the first."))
        return cleaned
