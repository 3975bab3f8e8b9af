import re
from decimal import Decimal

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from khuyenhoc.dates import DateField
from khuyenhoc.forms import ChoicePromptsMixin, CleanTextMixin, choice_prompt
from programmes import access

from . import party_roles, selectors
from .models import Area, Commitment, Indicator, Organisation, Plan, PlanParty, Section
from .services.plans import PartyData, is_referred
from .validators import sniff, stored_name, validate_scan


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area):
        return f"{area} · {area.get_level_display()}"


class LocalDecimalField(forms.DecimalField):
    """Reads and shows figures the Vietnamese way: 32.000 is thirty-two thousand, 98,5 is
    ninety-eight and a half. A text input, since a number input refuses the dots."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formats.number_format(value.normalize(), force_grouping=True)
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif re.fullmatch(r"\d{1,3}(\.\d{3})+", value):
                value = value.replace(".", "")
        return super().to_python(value)


class OrganisationFilterForm(CleanTextMixin, forms.Form):
    query = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=pgettext_lazy("organisation", "Kind"),
        required=False,
        choices=[("", _("All kinds")), *Organisation.Kind.choices],
    )
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *Area.Level.choices])


class PlanFilterForm(CleanTextMixin, forms.Form):
    query = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Number, title, place or party; accents are optional."),
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Plan.Status.choices])
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Plan.Kind.choices])
    year = forms.IntegerField(label=_("In force in year"), required=False, min_value=1990, max_value=2100)
    area = AreaChoiceField(label=_("Area"), required=False, queryset=Area.objects.none(), empty_label=_("All"))
    party = forms.ModelChoiceField(
        label=_("Party"), required=False, queryset=Organisation.objects.none(), empty_label=_("All")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.plan_filter_choices(user)
        self.fields["area"].queryset = choices["areas"]
        self.fields["party"].queryset = choices["parties"]


def _own_areas(user) -> list[int]:
    """The areas of the user's own organisations: a commune's editor issues its plans there."""
    return [membership.organisation.area_id for membership in access.memberships_of(user)]


def _plan_areas(user, plan: Plan | None):
    """Areas where the user may issue a plan: above commune level, plus the plan's own area."""
    areas = Area.objects.filter(access.area_scope(user, field="", roles=access.CHANGE_ROLES))
    keep = ~Q(level=Area.Level.COMMUNE) | Q(pk__in=_own_areas(user))
    if plan and plan.area_id:
        keep |= Q(pk=plan.area_id)
    return areas.filter(keep).order_by("is_historical", "path")


class PlanForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    scan = forms.FileField(
        label=_("Signed scan"),
        required=False,
        validators=[validate_scan],
        error_messages={"empty": _("The file is empty.")},
        help_text=_("A PDF or an image of the signed document."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg,image/tiff"}),
    )

    class Meta:
        model = Plan
        fields = [
            "kind",
            "number",
            "title",
            "area",
            "signed_on",
            "place",
            "start_year",
            "end_year",
            "parent",
            "review_cadence",
            "legal_bases",
            "purposes",
            "requirements",
            "recipients",
            "scan",
        ]
        field_classes = {"area": AreaChoiceField, "signed_on": DateField}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 4}),
            "purposes": forms.Textarea(attrs={"rows": 4}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plan = self.instance if self.instance.pk else None
        self.fields["area"].queryset = _plan_areas(user, plan)
        parents = selectors.plans_visible_to(user).select_related("area")
        self.fields["parent"].queryset = parents.exclude(pk=plan.pk) if plan else parents
        self.fields["parent"].empty_label = choice_prompt(_("Higher-level plan"))

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if isinstance(scan, UploadedFile):  # a new upload; a kept one is already stored safely
            scan.name = stored_name(sniff(scan))
        return scan

    def clean_number(self):
        return " ".join(self.cleaned_data["number"].split())

    def clean_legal_bases(self):
        """One basis per line, without the "Căn cứ" and the ";" the page adds back."""
        lines = []
        for line in Plan.lines(self.cleaned_data["legal_bases"]):
            line = re.sub(r"^(căn cứ|can cu)\s+(vào\s+)?", "", line, flags=re.IGNORECASE).rstrip(";,. ")
            lines.append(line[:1].upper() + line[1:])
        return "\n".join(lines)

    def clean(self):
        cleaned = super().clean()
        number, area = cleaned.get("number"), cleaned.get("area")
        if number and area:
            if Plan.number_taken(area, number, exclude_pk=self.instance.pk):
                self.add_error("number", _("Another plan of this area already has this number."))
        return cleaned


class PartyForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    class Meta:
        model = PlanParty
        fields = ["organisation", "signatory_name", "signatory_title", "signing_capacity"]


class BasePartyFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = access.organisations_visible_to(user).select_related("area")
        # Not the thousands of communes' bodies, but those of the user's own commune (a ward's
        # programme is signed by its people's committee and its association) and the plan's.
        keep = ~Q(area__level=Area.Level.COMMUNE) | Q(area__in=_own_areas(user))
        if self.instance.pk:
            keep |= Q(area=self.instance.area_id) | Q(plan_parties__plan=self.instance)
        for form in self.forms:
            form.fields["organisation"].queryset = organisations.filter(keep).distinct().order_by("area__path", "name")

    def clean(self):
        super().clean()
        chosen = [
            form.cleaned_data["organisation"]
            for form in self.forms
            if form.cleaned_data.get("organisation") and not form.cleaned_data.get("DELETE")
        ]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("The same organisation is listed twice."))
        if not chosen:
            raise forms.ValidationError(_("Name at least one party that signed the plan."))

    def party_data(self) -> list[PartyData]:
        """The parties as the services take them, in the order given."""
        return [
            PartyData(
                organisation=form.cleaned_data["organisation"],
                signatory_name=form.cleaned_data["signatory_name"],
                signatory_title=form.cleaned_data["signatory_title"],
                signing_capacity=form.cleaned_data["signing_capacity"],
            )
            for form in self.forms
            if form.cleaned_data.get("organisation") and not form.cleaned_data.get("DELETE")
        ]


PartyFormSet = inlineformset_factory(
    Plan, PlanParty, form=PartyForm, formset=BasePartyFormSet, extra=2, can_delete=True, max_num=6, absolute_max=6
)


class SectionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["number", "title"]


class CommitmentForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    reporting_levels = forms.MultipleChoiceField(
        label=_("Levels that report"),
        required=False,
        help_text=_("Leave all unticked if every level reports on it."),
        choices=Commitment.REPORTING_LEVEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    # Bounded in the form, not only by the model's validators: a day of 2**31 is an error
    # beside the field, never a number that overflows the date check or the database.
    yearly_day = Commitment._meta.get_field("yearly_day").formfield(min_value=1, max_value=31)
    yearly_month = Commitment._meta.get_field("yearly_month").formfield(min_value=1, max_value=12)

    class Meta:
        model = Commitment
        fields = [
            "section",
            "number",
            "text",
            "party",
            "partner",
            "lead",
            "supporters",
            "supporting",
            "recurrence",
            "deadline",
            "yearly_day",
            "yearly_month",
            "reporting_levels",
        ]
        field_classes = {"deadline": DateField}
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "supporters": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["section"].queryset = plan.sections.order_by("order", "pk")
        self.fields["section"].empty_label = None
        self._name_parties(plan)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("reporting_levels", [level for level, _label in Commitment.REPORTING_LEVEL_CHOICES])

    def _name_parties(self, plan: Plan) -> None:
        """The roles named as the plan's parties signed ("Sở Giáo dục và Đào tạo tỉnh Phú Thọ", not
        "Ngành Giáo dục"); where the parties are recorded, only the roles they fill (and the one the
        commitment has) are offered. Which partner carries (or leads) a commitment is asked only
        where several partners signed; which parties support a joint one, only where three or more
        parties signed (with two, both take part in it)."""
        signed = party_roles.parties(plan)
        partners = [o for o in signed.signed if o.side == Organisation.Side.OTHER]
        if len(partners) > 1 or self.instance.partner_id:
            self.fields["partner"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in partners])
            self.fields["partner"].empty_label = _("Every partner")
        else:
            del self.fields["partner"]
        if len(signed.signed) > 2 or (self.instance.pk and self.instance.supporters.exists()):
            self.fields["supporters"].queryset = Organisation.objects.filter(pk__in=[o.pk for o in signed.signed])
        else:
            del self.fields["supporters"]
        names = signed.role_names()
        for name in ("party", "lead"):
            field, current = self.fields[name], getattr(self.instance, name)
            field.choices = [
                (code, names.get(code) or label)
                for code, label in field.choices
                if not names or code in names or code in ("", Commitment.Party.JOINT, current)
            ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("supporters") and cleaned.get("party") != Commitment.Party.JOINT:
            self.add_error("supporters", _("Only a joint commitment has supporting parties."))
        return cleaned

    def clean_number(self):
        number = " ".join(self.cleaned_data["number"].split())
        others = Commitment.objects.filter(plan=self.instance.plan, number__iexact=number).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another commitment of this plan already has this number."))
        return number


class IndicatorForm(ChoicePromptsMixin, CleanTextMixin, forms.ModelForm):
    target_value = LocalDecimalField(label=_("Target"), max_digits=18, decimal_places=2)

    class Meta:
        model = Indicator
        fields = ["name", "unit", "target_value", "direction", "aggregation", "due_date"]
        field_classes = {"due_date": DateField}


class BaseIndicatorFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and is_referred(form.instance):
                raise forms.ValidationError(
                    _(
                        "Units have given figures for the indicator “%(name)s”: it cannot be deleted. Withdraw it instead."
                    ),
                    params={"name": form.instance.name},
                )


IndicatorFormSet = inlineformset_factory(
    Commitment,
    Indicator,
    form=IndicatorForm,
    formset=BaseIndicatorFormSet,
    extra=1,
    can_delete=True,
    can_order=True,
    max_num=20,
    absolute_max=20,
)


class WithdrawForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Reports already filed keep it; the forms of later periods no longer ask for it."),
    )


class StatusForm(CleanTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Plan.Status.choices)


class DeriveForm(ChoicePromptsMixin, CleanTextMixin, forms.Form):
    area = AreaChoiceField(label=_("Area of the new plan"), queryset=Area.objects.none())
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.CharField(label=_("Number and symbol"), max_length=100, required=False)
    parties = forms.ModelMultipleChoiceField(
        label=_("Parties"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations of that area that sign the new plan."),
    )

    def __init__(self, *args, user, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        areas = selectors.plans_derivable_areas(user, plan)
        # Communes only where an organisation exists to sign: there are thousands.
        self.fields["area"].queryset = areas.filter(
            ~Q(level=Area.Level.COMMUNE) | Q(organisations__isnull=False)
        ).distinct()
        self.fields["parties"].queryset = (
            access.organisations_visible_to(user)
            .filter(area__path__startswith=plan.area.path)
            .exclude(area=plan.area)
            .select_related("area")
            .order_by("area__path", "name")
        )

    def clean(self):
        cleaned = super().clean()
        area, parties = cleaned.get("area"), cleaned.get("parties")
        if area and parties and any(party.area_id != area.pk for party in parties):
            self.add_error("parties", _("Choose parties of the new plan's area."))
        return cleaned
