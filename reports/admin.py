from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from khuyenhoc.dates import DateField
from khuyenhoc.forms import CleanTextMixin
from programmes import access
from programmes.admin import ScopedAdmin, TabularInline

from .forms import ReopenForm
from .models import (
    Attachment,
    CommitmentProgress,
    IndicatorValue,
    ProgressReport,
    Proposal,
    ReportEvent,
    ReportingPeriod,
    ReportingSchedule,
    ReportingUnit,
)
from .services import workflow


@admin.register(ReportingSchedule)
class ReportingScheduleAdmin(ScopedAdmin):
    list_display = ["__str__", "due_days", "lock_days", "conference_days"]
    autocomplete_fields = ["area"]

    def scope(self, user):
        return access.area_scope(user, roles=access.CHANGE_ROLES)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ScopedAdmin):
    figures_area_path = "plan__area__path"
    list_display = ["plan", "year", "half", "starts_on", "ends_on", "due_on", "locked_after", "conference_on"]
    list_filter = ["half", "year"]
    search_fields = ["plan__number", "plan__title"]
    autocomplete_fields = ["plan"]

    def scope(self, user):
        return access.area_scope(user, field="plan__area", roles=access.CHANGE_ROLES)


@admin.register(ReportingUnit)
class ReportingUnitAdmin(ScopedAdmin):
    figures_area_path = "plan__area__path"
    list_display = ["organisation", "plan"]
    search_fields = ["organisation__name", "plan__number", "plan__title"]
    autocomplete_fields = ["plan", "organisation"]

    def scope(self, user):
        return access.area_scope(user, field="plan__area", roles=access.CHANGE_ROLES)


class ReadOnlyInline(TabularInline):
    """What a report holds, shown but not written here: its unit writes it through the report form
    (a filed report is a record, and a draft changed here would slip past the form's version check),
    and a proposal is answered on the report's page (``workflow.proposal_answer``)."""

    extra = 0
    related: tuple[str, ...] = ()  # what each row names, read with the rows rather than one by one

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def get_formset(self, request, obj=None, **kwargs):
        # The rows shown still count against the most forms a post may hold, which the base sets to
        # max_num (0 here, as nothing may be added): allow Django's default instead.
        kwargs["absolute_max"] = 1000
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProgressInline(ReadOnlyInline):
    model = CommitmentProgress
    related = ("commitment",)


class ValueInline(ReadOnlyInline):
    model = IndicatorValue
    related = ("indicator",)


class ProposalInline(ReadOnlyInline):
    model = Proposal
    exclude = ["answered_by"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    exclude = ["uploaded_by"]


class EventInline(ReadOnlyInline):
    model = ReportEvent
    related = ("actor",)


class ReturnSelectedForm(CleanTextMixin, forms.Form):
    """The page's return form (``forms.ReturnForm``) for several reports at once."""

    comment = forms.CharField(
        label=_("What the unit should fix"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    until = DateField(
        label=_("The unit may fix it until"),
        required=False,
        help_text=_("Leave it empty to give a unit whose filing locks too soon the usual time to fix its report."),
    )


@admin.register(ProgressReport)
class ProgressReportAdmin(ScopedAdmin):
    figures_area_path = "plan__area__path"
    list_display = ["organisation", "period", "plan", "status", "submitted_at"]
    list_filter = ["status", "period__half", "period__year"]
    search_fields = ["organisation__name", "plan__number"]
    inlines = [ProgressInline, ValueInline, ProposalInline, AttachmentInline, EventInline]
    actions = ["accept_selected", "return_selected", "reopen_selected"]

    class Media:
        css = {"all": ["css/admin_records.css"]}

    def has_add_permission(self, request):
        return False  # a unit starts its report from its own page (workflow.report_start)

    def has_delete_permission(self, request, obj=None):
        return False  # a report is a record: it is returned or reopened, never deleted

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing on the page is written by saving it: no save buttons.
        hidden = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **hidden})

    def get_readonly_fields(self, request, obj=None):
        """Every field, as its inlines: the unit writes a report through its form, and its review
        changes only through the workflow's services (the actions below), which check the transition
        and the reviewer, record the event and refresh the dashboards."""
        return [field.name for field in self.model._meta.fields]

    def scope(self, user):
        return access.organisation_scope(user, roles=access.AREA_WIDE_ROLES)

    @admin.action(description=_("Accept the selected reports"), permissions=["change"])
    def accept_selected(self, request, queryset):
        self.apply_service(request, queryset, lambda report: workflow.report_accept(user=request.user, report=report))

    @admin.action(description=_("Return the selected reports to their units…"), permissions=["change"])
    def return_selected(self, request, queryset):
        form = ReturnSelectedForm(request.POST if "apply" in request.POST else None)
        page = self.ask_before_action(request, queryset, form, _("Return the selected reports to their units"))
        if page is not None:
            return page
        comment, until = form.cleaned_data["comment"], form.cleaned_data["until"]
        self.apply_service(
            request,
            queryset,
            lambda report: workflow.report_return(user=request.user, report=report, comment=comment, until=until),
        )
        return None

    @admin.action(description=_("Reopen the selected reports for filing…"), permissions=["change"])
    def reopen_selected(self, request, queryset):
        form = ReopenForm(request.POST if "apply" in request.POST else None)
        page = self.ask_before_action(request, queryset, form, _("Reopen the selected reports for filing"))
        if page is not None:
            return page
        until = form.cleaned_data["until"]
        self.apply_service(
            request,
            queryset.select_related("plan", "period", "organisation"),
            lambda report: workflow.report_reopen(
                user=request.user, plan=report.plan, period=report.period, organisation=report.organisation, until=until
            ),
        )
        return None
