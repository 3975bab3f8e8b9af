from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from khuyenhoc.dates import DateField
from khuyenhoc.forms import ChoicePromptsMixin, CleanTextMixin
from programmes import access
from programmes.forms import LocalDecimalField
from programmes.models import Area, Indicator, Organisation, Plan
from programmes.validators import evidence_type

from .models import CommitmentProgress, ProgressReport, ReportingPeriod, half_year_label
from .rules import return_deadline
from .selectors import REVIEW_ROLES, review_plans
from .services.workflow import ProgressData

NARRATIVE = ["results", "shortcomings", "causes", "next_steps", "proposals_text"]


def figure_field(indicator: Indicator) -> LocalDecimalField:
    """A field for one indicator's figure, bounded by what its unit allows."""
    validators = [MinValueValidator(0, _("A figure cannot be negative."))]
    if indicator.unit == Indicator.Unit.PERCENT:
        validators.append(MaxValueValidator(100, _("A percentage is between 0 and 100.")))
    return LocalDecimalField(
        label=indicator.name,
        required=False,
        max_digits=18,
        decimal_places=2,
        validators=validators,
        help_text=_("Target: %(direction)s %(target)s %(unit)s")
        % {
            "direction": indicator.get_direction_display(),
            "target": LocalDecimalField().prepare_value(indicator.target_value),
            "unit": indicator.get_unit_display(),
        },
    )


class ReportForm(ChoicePromptsMixin, CleanTextMixin, forms.Form):
    """The whole report: a status and a note per commitment, a figure per indicator, the narrative."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    results = forms.CharField(label=_("Results achieved"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    shortcomings = forms.CharField(
        label=_("Shortcomings and difficulties"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    causes = forms.CharField(label=_("Causes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proposals_text = forms.CharField(
        label=_("Proposals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One proposal per line; the province answers each one."),
    )

    def __init__(
        self,
        *args,
        report: ProgressReport,
        commitments,
        previous: dict | None = None,
        given: dict | None = None,
        **kwargs,
    ):
        """``previous``: the unit's figures of its last report, shown beside; ``given``: what its
        pupil lists gave this half-year (``awards.figures.report_figures``), filled in where the
        unit has given no figure yet, and shown beside."""
        super().__init__(*args, **kwargs)
        self.commitments = commitments
        self.previous = previous or {}
        self.given = given or {}
        progress = {p.commitment_id: p for p in report.progress.all()}
        values = {v.indicator_id: v.value for v in report.values.all()}
        self.initial.setdefault("version", report.version)
        for name in NARRATIVE:
            self.initial.setdefault(name, getattr(report, name))
        for commitment in commitments:
            self.fields[f"status_{commitment.pk}"] = forms.ChoiceField(
                label=_("Status"), required=False, choices=[("", "—"), *CommitmentProgress.Status.choices]
            )
            self.fields[f"note_{commitment.pk}"] = forms.CharField(
                label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            if commitment.pk in progress:
                self.initial.setdefault(f"status_{commitment.pk}", progress[commitment.pk].status)
                self.initial.setdefault(f"note_{commitment.pk}", progress[commitment.pk].note)
            for indicator in commitment.indicators.all():
                self.fields[f"value_{indicator.pk}"] = figure_field(indicator)
                value = values.get(indicator.pk)
                self.initial.setdefault(
                    f"value_{indicator.pk}", self.given.get(indicator.pk) if value is None else value
                )

    def rows(self):
        """For the template: each commitment with its bound fields."""
        for commitment in self.commitments:
            yield {
                "commitment": commitment,
                "status": self[f"status_{commitment.pk}"],
                "note": self[f"note_{commitment.pk}"],
                "values": [
                    (
                        indicator,
                        self[f"value_{indicator.pk}"],
                        self.previous.get(indicator.pk),
                        self.given.get(indicator.pk),
                    )
                    for indicator in commitment.indicators.all()
                ],
            }

    def shown(self) -> list[dict]:
        """Every field as the page shows it (name, label, value as text): what the portal holds,
        for the offline page to set beside what the phone kept."""
        numbers = {}
        for commitment in self.commitments:
            numbers[f"status_{commitment.pk}"] = numbers[f"note_{commitment.pk}"] = commitment.number
            numbers.update({f"value_{indicator.pk}": commitment.number for indicator in commitment.indicators.all()})
        shown = []
        for field in self:
            if field.name == "version":
                continue
            value = field.field.prepare_value(field.value())
            label = f"{numbers[field.name]} · {field.label}" if field.name in numbers else str(field.label)
            shown.append({"name": field.name, "label": label, "value": "" if value is None else str(value)})
        return shown

    def narrative(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in NARRATIVE}

    def progress(self) -> list[ProgressData]:
        return [
            ProgressData(c.pk, self.cleaned_data[f"status_{c.pk}"], self.cleaned_data[f"note_{c.pk}"])
            for c in self.commitments
            if self.cleaned_data.get(f"status_{c.pk}")
        ]

    def values(self) -> dict:
        return {
            indicator.pk: self.cleaned_data[f"value_{indicator.pk}"]
            for commitment in self.commitments
            for indicator in commitment.indicators.all()
        }


class AttachmentForm(CleanTextMixin, forms.Form):
    file = forms.FileField(
        label=_("Evidence"),
        validators=[evidence_type],
        error_messages={"empty": _("The file is empty.")},
        help_text=_("PDF, image, Word, Excel or PowerPoint, at most 10 MB."),
    )


class ReturnForm(CleanTextMixin, forms.Form):
    comment = forms.CharField(
        label=_("What the unit should fix"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    until = DateField(
        label=_("The unit may fix it until"),
        required=False,
        help_text=_(
            "Filing for this period closes after %(lock)s; a later date gives the unit time to fix the report."
        ),
    )

    def __init__(self, *args, report: ProgressReport, **kwargs):
        super().__init__(*args, **kwargs)
        # Proposed when filing locks too soon for the unit to fix the report (rules.return_deadline).
        self.fields["until"].initial = return_deadline(report)
        self.fields["until"].help_text = self.fields["until"].help_text % {
            "lock": date_format(report.period.locked_after, "SHORT_DATE_FORMAT")
        }


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000
    )


class ReopenForm(CleanTextMixin, forms.Form):
    until = DateField(
        label=_("Open until"), error_messages={"required": _("Give the date until which the unit may file.")}
    )

    @classmethod
    def for_unit(cls, data, organisation_pk: int) -> "ReopenForm":
        """The form as a unit's reopen button sends it: from the period page, whose one form holds
        a date field per unit ("until-<unit>"), or from the report's page ("until")."""
        field = f"until-{organisation_pk}"
        return cls({"until": data[field]} if field in data else data)


# What a plan's option shows (``Plan.__str__``): the plan's long texts stay in the database.
PLAN_OPTION = ("number", "title")


class DashboardFilterForm(ChoicePromptsMixin, CleanTextMixin, forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), required=False, queryset=None, empty_label=_("All plans in force"))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    half = forms.ChoiceField(
        label=_("Half-year"), required=False, choices=[("", "—"), ("H1", _("first half")), ("H2", _("second half"))]
    )
    # The units' kind: a plan has any number of parties, a province's plans many kinds of them.
    kind = forms.ChoiceField(
        label=_("Party"), required=False, choices=[("", _("All parties")), *Organisation.Kind.choices]
    )
    area = forms.ModelChoiceField(label=_("Area"), required=False, queryset=None, empty_label=_("All my area"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["plan"].queryset = (
            Plan.objects.filter(access.area_scope(user, roles=access.AREA_WIDE_ROLES), status=Plan.Status.IN_FORCE)
            .order_by("area__path", "-start_year")
            .only(*PLAN_OPTION)
        )
        # Provinces and districts only: thousands of communes would make the list unusable.
        self.fields["area"].queryset = Area.objects.filter(
            access.area_scope(user, field="", roles=access.AREA_WIDE_ROLES),
            level__in=[Area.Level.PROVINCE, Area.Level.DISTRICT],
        ).order_by("is_historical", "path")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("year")) != bool(cleaned.get("half")):
            raise forms.ValidationError(_("Choose both the year and the half-year, or neither."))
        return cleaned

    def scope(self, *, year: int | None, half: str | None) -> list[tuple[str, str]]:
        """What the figures cover, in words, for the printed sheet: each filter with its value or its default,
        and the half-year shown (``year`` and ``half``, chosen or the latest)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("area"):
            area = str(data["area"])
        else:
            areas = {
                str(m.organisation.area) for m in access.memberships_of(self.user) if m.role in access.AREA_WIDE_ROLES
            }
            area = ", ".join(sorted(areas)) or str(self.fields["area"].empty_label)
        plan = data.get("plan")
        kind = dict(self.fields["kind"].choices).get(data.get("kind") or "")
        return [
            (str(self.fields["area"].label), area),
            (str(self.fields["plan"].label), str(plan) if plan else str(self.fields["plan"].empty_label)),
            (str(self.fields["kind"].label), str(kind)),
            (str(_("Reporting period")), str(ReportingPeriod(year=year, half=half)) if year else "—"),
        ]


class ReportListForm(DashboardFilterForm):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *ProgressReport.Status.choices]
    )
    timing = forms.ChoiceField(
        label=_("On time"),
        required=False,
        choices=[("", _("All")), ("on_time", _("on time")), ("late", _("late")), ("missing", _("missing"))],
    )
    commitment_status = forms.ChoiceField(
        label=_("With a commitment"), required=False, choices=[("", _("All")), *CommitmentProgress.Status.choices]
    )


class ReviewQueueForm(ChoicePromptsMixin, CleanTextMixin, forms.Form):
    """The review queue's filters. A value that is not offered (a forged or stale link) is shown
    as the field's error and that filter alone is left out (``filters``)."""

    area = forms.ModelChoiceField(label=_("Area"), required=False, queryset=None, empty_label=_("All my area"))
    plan = forms.ModelChoiceField(label=_("Plan"), required=False, queryset=None, empty_label=_("All plans"))
    period = forms.ChoiceField(label=_("Reporting period"), required=False)
    timing = forms.ChoiceField(
        label=_("On time"), required=False, choices=[("", _("All")), ("late", _("late")), ("on_time", _("on time"))]
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = review_plans(user)
        self.fields["plan"].queryset = plans.order_by("area__path", "-start_year", "number").only(*PLAN_OPTION)
        # Provinces and districts only, as on the dashboard: thousands of communes would make the list unusable.
        self.fields["area"].queryset = Area.objects.filter(
            access.area_scope(user, field="", roles=REVIEW_ROLES), level__in=[Area.Level.PROVINCE, Area.Level.DISTRICT]
        ).order_by("is_historical", "path")
        halves = (
            ReportingPeriod.objects.filter(plan__in=plans)
            .values_list("year", "half")
            .distinct()
            .order_by("-year", "-half")
        )
        self.fields["period"].choices = [
            ("", _("All")),
            *((f"{year}-{half}", half_year_label(year, half)) for year, half in halves),
        ]

    def filters(self) -> dict:
        """The valid filters, as ``selectors.review_queue`` takes them."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data then holds the valid fields only
            data = self.cleaned_data
        year, _sep, half = (data.get("period") or "").partition("-")
        return {
            "area": data.get("area"),
            "plan": data.get("plan"),
            "year": int(year) if year else None,
            "half": half or None,
            "timing": data.get("timing") or "",
        }


class PeriodForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["starts_on", "ends_on", "due_on", "locked_after", "conference_on"]
        field_classes = {name: DateField for name in fields}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        due, locked = cleaned.get("due_on"), cleaned.get("locked_after")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        if due and locked and locked < due:
            self.add_error("locked_after", _("Filing cannot close before the due date."))
        return cleaned


class BasePeriodFormSet(forms.BaseModelFormSet):
    """The plan's own periods, edited in place: a posted id of another plan's period,
    or a form for a new period, is a form error, never a period saved elsewhere."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Django checks the hidden id against every period in the database; only this plan's are offered.
        form.fields[self.model._meta.pk.name].queryset = self.get_queryset()

    def clean(self):
        super().clean()
        pk_name = self.model._meta.pk.name
        if any(form.errors.get(pk_name) or (form.instance.pk is None and form.has_changed()) for form in self.forms):
            raise forms.ValidationError(_("Only the periods of this plan can be changed here."))


PeriodFormSet = forms.modelformset_factory(ReportingPeriod, form=PeriodForm, formset=BasePeriodFormSet, extra=0)


class ReportingUnitsForm(CleanTextMixin, forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Units that report"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = (
            access.organisations_visible_to(user)
            .filter(area__path__startswith=plan.area.path)
            .select_related("area")
            .order_by("area__path", "name")
        )
        self.initial.setdefault("organisations", list(plan.reporting_units.values_list("organisation", flat=True)))
