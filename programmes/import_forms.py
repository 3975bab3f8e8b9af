"""Forms of "Nhập từ văn bản": the source (pasted text or a file), then the
editable preview of everything the importer proposes. Nothing is saved
before the preview is confirmed, and nothing at all if any part is wrong."""

from django import forms
from django.core import signing
from django.db.models import Q
from django.forms import formset_factory, inlineformset_factory
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from khuyenhoc.dates import DateField
from khuyenhoc.forms import CleanTextMixin
from programmes import access, party_roles

from .forms import BasePartyFormSet, LocalDecimalField, PartyForm, PlanForm
from .importer.errors import ImportProblem
from .importer.parser import ParsedPlan, parse_plan
from .importer.readers import MAX_BYTES, read_document
from .models import Area, Commitment, Indicator, Plan, PlanParty
from .services.imports import CommitmentData, IndicatorData, area_best_match, plan_from_parsed


def problem_message(problem: ImportProblem) -> str:
    """One line in the user's language for what the importer could not use."""
    detail = problem.detail
    messages = {
        "empty": _("The document is empty."),
        "too_large": _("The file is %(size)s; the limit is %(limit)s.")
        % {"size": filesizeformat(detail.get("size", 0)), "limit": filesizeformat(detail.get("limit", MAX_BYTES))},
        "binary": _("This file is not a text, Word (.docx) or PDF document."),
        "corrupted": _("This file is damaged and cannot be read."),
        "no_text_layer": _("This PDF is a scanned image without text. Paste the text of the plan instead."),
        "encoding": _("The characters of this text cannot be read. Save it as UTF-8 and try again."),
        "no_title": _(
            "This is not a coordination plan: no title such as KẾ HOẠCH, CHƯƠNG TRÌNH or THỎA THUẬN was found."
        ),
        "news_article": _("This looks like a news article, not a coordination plan. Nothing was imported."),
        "no_commitments": _("No numbered or bulleted commitment was found in this text."),
        # The budgets of importer/readers/budgets.py, spent by an oversized or crafted document.
        "unpacked_too_large": _(
            "Unpacked, this document takes more than %(limit)s, the most the portal reads. "
            "Remove large pictures, or paste the text of the plan instead."
        )
        % {"limit": filesizeformat(detail.get("limit", 0))},
        "too_compressed": _(
            "This document is packed far more tightly than a Word file normally is, so it was not opened. "
            "Save it again from Word, or paste the text of the plan instead."
        ),
        "too_many_paragraphs": _(
            "This document has more than %(limit)s paragraphs; a plan has far fewer. Import the plan on its own."
        )
        % {"limit": number_format(detail.get("limit", 0), force_grouping=True)},
        "too_many_pages": _("This PDF has more than %(limit)s pages. Import the plan on its own, without annexes.")
        % {"limit": number_format(detail.get("limit", 0), force_grouping=True)},
        "too_long": _("The text of this document is longer than %(limit)s characters. Import the plan on its own.")
        % {"limit": number_format(detail.get("limit", 0), force_grouping=True)},
        "too_complex": _(
            "A page of this PDF is too large or complex to read. Save it again as PDF, or paste the text of the plan instead."
        ),
        "too_slow": _(
            "Reading this document took more than %(limit)s seconds, so it was stopped. "
            "Save it again from Word, or paste the text of the plan instead."
        )
        % {"limit": number_format(detail.get("limit", 0))},
    }
    return messages.get(problem.code, _("This document cannot be imported."))


# The preview carries the importer's warnings to the confirming post in a
# hidden field, signed so that only what the server wrote comes back: once it
# trusted that JSON, and one 40-byte value such as {"code": "%(a)300000000s"}
# made a 300 MB page. A signature older than this is refused too.
PREVIEW_SALT = "programmes.import_preview.warnings"
PREVIEW_MAX_AGE = 12 * 60 * 60


def _preview_salt(user) -> str:
    return f"{PREVIEW_SALT}:{user.pk}"


def sign_warnings(warnings: list[dict], *, user) -> str:
    return signing.dumps(warnings, salt=_preview_salt(user), compress=True)


def unsign_warnings(value: str, *, user) -> list[dict]:
    """The warnings the server signed for this user; ``signing.BadSignature`` if changed or expired."""
    return signing.loads(value or "", salt=_preview_salt(user), max_age=PREVIEW_MAX_AGE)


def warning_message(code: str, detail: dict) -> str:
    messages = {
        "no_number": _("No number and symbol was found. Add it if the document has one."),
        "no_date": _("No place and date of signing was found."),
        "period_from_body": _("The period was read from commitment %(number)s, not from the title. Check it."),
        "capacity_ocr": _("“%(printed)s” was read as “KT.” (signing on behalf). Check the signatory."),
        "no_signatories": _("No signatory was found."),
        "bad_date": _("The date “%(text)s” does not exist."),
        "party_unmatched": _("The party “%(name)s” matches no organisation you can choose. Pick it below."),
    }
    return messages.get(code, code) % detail if detail else messages.get(code, code)


class ImportSourceForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Paste the text of the plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_BYTES,
    )
    document = forms.FileField(
        label=gettext_lazy("Or choose the document"),
        required=False,
        error_messages={"empty": gettext_lazy("The document is empty.")},
        help_text=gettext_lazy("Text (.txt), Word (.docx) or PDF with a text layer, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx,.pdf,text/plain,application/pdf"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("document"), cleaned.get("text", "")
        field = "document" if upload else "text"
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    raise ImportProblem("too_large", size=upload.size, limit=MAX_BYTES)
                text = read_document(upload.read(), upload.name)
            elif not text.strip():
                raise forms.ValidationError(_("Paste the text of the plan or choose a file."))
            self.parsed = parse_plan(text)
        except ImportProblem as problem:
            self.add_error(field, problem_message(problem))
        return cleaned


class ImportPlanForm(PlanForm):
    scan = None
    warnings = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta(PlanForm.Meta):
        fields = [f for f in PlanForm.Meta.fields if f != "scan"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        try:
            unsign_warnings(cleaned.get("warnings", ""), user=self.user)
        except signing.BadSignature:
            self.add_error(None, _("This preview has expired or was changed. Import the document again."))
        return cleaned


class ImportPartyForm(PartyForm):
    read_as = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_as = self["read_as"].value()
        if read_as:
            self.fields["organisation"].help_text = _("Read in the document as “%(name)s”.") % {"name": read_as}


def _party_formset(extra: int):
    return inlineformset_factory(
        Plan,
        PlanParty,
        form=ImportPartyForm,
        formset=BasePartyFormSet,
        extra=extra,
        can_delete=False,
        max_num=6,
        absolute_max=6,
    )


class ImportCommitmentForm(CleanTextMixin, forms.Form):
    section = forms.CharField(label=gettext_lazy("Section"), max_length=255)
    number = forms.CharField(label=gettext_lazy("Number"), max_length=20)
    text = forms.CharField(label=gettext_lazy("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    party = forms.ChoiceField(label=gettext_lazy("Responsible party"), choices=Commitment.Party.choices)
    # Which partner, where several signed: as read, carried to the save (which keeps it only for a
    # partner's commitment and one of the partners chosen above).
    partner = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A joint commitment's lead and the parties it names beside it ("1,2": organisations), as read.
    lead = forms.ChoiceField(required=False, choices=[("", ""), *Commitment.Lead.choices], widget=forms.HiddenInput)
    supporters = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    recurrence = forms.ChoiceField(label=gettext_lazy("Timing"), choices=Commitment.Recurrence.choices)
    deadline = DateField(label=gettext_lazy("Deadline"), required=False)
    yearly_day = forms.IntegerField(label=gettext_lazy("Day (yearly)"), required=False, min_value=1, max_value=31)
    yearly_month = forms.IntegerField(label=gettext_lazy("Month (yearly)"), required=False, min_value=1, max_value=12)

    def clean_supporters(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["supporters"].split(",") if pk.strip().isdigit()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("recurrence") == Commitment.Recurrence.ONCE and not cleaned.get("deadline"):
            self.add_error("deadline", _("A one-off commitment needs a deadline."))
        return cleaned


class BaseImportCommitmentFormSet(forms.BaseFormSet):
    def clean(self):
        seen = {}
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            number = form.cleaned_data.get("number", "").strip().lower()
            if number in seen:
                form.add_error("number", _("Another commitment of this plan already has this number."))
            seen[number] = form
        if not seen:
            raise forms.ValidationError(_("Keep at least one commitment."))


ImportCommitmentFormSet = formset_factory(
    ImportCommitmentForm, formset=BaseImportCommitmentFormSet, extra=0, can_delete=True, max_num=1000, absolute_max=1000
)


class ImportIndicatorForm(CleanTextMixin, forms.Form):
    commitment = forms.CharField(label=gettext_lazy("Commitment number"), max_length=20)
    name = forms.CharField(label=gettext_lazy("Indicator"), max_length=255)
    target_value = LocalDecimalField(label=gettext_lazy("Target"), max_digits=18, decimal_places=2)
    unit = forms.ChoiceField(label=gettext_lazy("Unit"), choices=Indicator.Unit.choices)
    direction = forms.ChoiceField(label=gettext_lazy("Direction"), choices=Indicator.Direction.choices)
    aggregation = forms.ChoiceField(label=gettext_lazy("Adding up"), choices=Indicator.Aggregation.choices)
    due_date = DateField(label=gettext_lazy("To reach by"), required=False)


ImportIndicatorFormSet = formset_factory(ImportIndicatorForm, extra=0, can_delete=True, max_num=1000, absolute_max=1000)


def _joint_as_read(form, role_names: dict, chosen: dict) -> tuple[str, list[str]]:
    """A joint commitment's lead and supporting parties as read, by the names of the parties chosen
    above: what the save will keep (a supporter no longer among them is dropped there too)."""
    if form["party"].value() != Commitment.Party.JOINT:
        return "", []
    lead = form["lead"].value() or ""
    partner = chosen.get(str(form["partner"].value() or ""))
    lead_name = partner.name if lead == Commitment.Lead.OTHER and partner else role_names.get(lead, "")
    supporters = [chosen[pk].name for pk in str(form["supporters"].value() or "").split(",") if pk.strip() in chosen]
    return lead_name, supporters


class ImportPreview:
    """Everything the preview page edits, validated together."""

    def __init__(self, data=None, *, user, initial=None):
        initial = initial or {}
        self.user = user
        self.plan_form = ImportPlanForm(data, instance=Plan(), user=user, initial=initial.get("plan"), prefix="plan")
        parties = initial.get("parties", [])
        extra = max(2, len(parties)) if data is None else 0
        self.parties = _party_formset(extra)(
            data, instance=Plan(), user=user, initial=parties or None, prefix="parties"
        )
        self.commitments = ImportCommitmentFormSet(data, initial=initial.get("commitments"), prefix="commitments")
        self._name_parties()
        self.indicators = ImportIndicatorFormSet(data, initial=initial.get("indicators"), prefix="indicators")
        try:
            warnings = unsign_warnings(self.plan_form["warnings"].value(), user=user)
        except signing.BadSignature:
            warnings = []  # the form's error says why
        self.warnings = [warning_message(w.pop("code"), w) for w in warnings]

    def _name_parties(self) -> None:
        """Each commitment's party offered by the names of the parties chosen above ("Ủy ban nhân
        dân phường Tân An"), not only by their role."""
        chosen = [str(form["organisation"].value() or "") for form in self.parties.forms]
        # Only what the user may see: the ids come from the page and may have been altered.
        visible = access.organisations_visible_to(self.user).filter(pk__in=[pk for pk in chosen if pk.isdigit()])
        by_pk = {str(o.pk): o for o in visible}
        parties = [by_pk[pk] for pk in chosen if pk in by_pk]
        names = party_roles.Parties(parties).role_names()
        for form in [*self.commitments.forms, self.commitments.empty_form]:
            field = form.fields["party"]
            field.choices = [(code, names.get(code) or label) for code, label in field.choices]
            form.lead_name, form.supporter_names = _joint_as_read(form, names, by_pk)

    def is_valid(self) -> bool:
        valid = all(
            [
                self.plan_form.is_valid(),
                self.parties.is_valid(),
                self.commitments.is_valid(),
                self.indicators.is_valid(),
            ]
        )
        if valid:
            numbers = {f.cleaned_data["number"] for f in self._kept(self.commitments)}
            for form in self._kept(self.indicators):
                if form.cleaned_data["commitment"] not in numbers:
                    form.add_error("commitment", _("No commitment has this number."))
                    valid = False
        return valid

    @staticmethod
    def _kept(formset):
        return [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]

    def for_service(self) -> dict:
        indicators: dict[str, list[IndicatorData]] = {}
        for form in self._kept(self.indicators):
            data = form.cleaned_data
            indicators.setdefault(data["commitment"], []).append(
                IndicatorData(
                    name=data["name"],
                    unit=data["unit"],
                    target_value=data["target_value"],
                    direction=data["direction"],
                    aggregation=data["aggregation"],
                    due_date=data["due_date"],
                )
            )
        commitments = [
            CommitmentData(
                **{k: v for k, v in form.cleaned_data.items() if k != "DELETE"},
                indicators=indicators.get(form.cleaned_data["number"], []),
            )
            for form in self._kept(self.commitments)
        ]
        return {
            "plan": self.plan_form.save(commit=False),
            "parties": self.parties.party_data(),
            "commitments": commitments,
        }

    @classmethod
    def from_parsed(cls, parsed: ParsedPlan, *, user) -> "ImportPreview":
        """A preview filled with what the importer read, organisations and area matched where it can."""
        warnings = [{"code": w.code, **w.detail} for w in parsed.warnings]
        areas = list(ImportPlanForm(instance=Plan(), user=user).fields["area"].queryset)
        area = area_best_match(parsed.place, areas, signed_on=parsed.signed_on)
        # Thousands of communes' bodies are no candidates, but for the communes the user may issue a
        # plan for (a ward's editor importing the programme of its people's committee and association).
        own_communes = [a.pk for a in areas if a.level == Area.Level.COMMUNE]
        organisations = list(
            access.organisations_visible_to(user)
            .select_related("area")
            .exclude(Q(area__level=Area.Level.COMMUNE) & ~Q(area__in=own_communes))
        )
        imported = plan_from_parsed(parsed, organisations=organisations, area=area)
        warnings += [{"code": "party_unmatched", "name": p.read_as} for p in imported.parties if p.organisation is None]
        initial = {
            "plan": {
                **imported.fields,
                "area": area.pk if area else None,
                "warnings": sign_warnings(warnings, user=user),
            },
            "parties": [
                {
                    "organisation": p.organisation.pk if p.organisation else None,
                    "read_as": p.read_as,
                    "signatory_name": p.signatory.name if p.signatory else "",
                    "signatory_title": p.signatory.title if p.signatory else "",
                    "signing_capacity": p.signatory.capacity if p.signatory else "",
                }
                for p in imported.parties
            ],
            "commitments": [
                {
                    "supporters": ",".join(str(pk) for pk in c.supporters),
                    **{
                        k: getattr(c, k)
                        for k in (
                            "section",
                            "number",
                            "text",
                            "party",
                            "partner",
                            "lead",
                            "recurrence",
                            "deadline",
                            "yearly_day",
                            "yearly_month",
                        )
                    },
                }
                for c in imported.commitments
            ],
            "indicators": [
                {
                    "commitment": c.number,
                    "name": i.name,
                    "target_value": i.target_value,
                    "unit": i.unit,
                    "direction": i.direction,
                    "aggregation": i.aggregation,
                    "due_date": i.due_date,
                }
                for c in imported.commitments
                for i in c.indicators
            ],
        }
        return cls(user=user, initial=initial)
