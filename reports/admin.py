from django.contrib import admin

from khuyenhoc import access
from programmes.admin import ScopedAdmin, TabularInline

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


class ProgressInline(TabularInline):
    model = CommitmentProgress
    extra = 0
    raw_id_fields = ["commitment"]


class ValueInline(TabularInline):
    model = IndicatorValue
    extra = 0
    raw_id_fields = ["indicator"]


class ProposalInline(TabularInline):
    model = Proposal
    extra = 0
    exclude = ["answered_by"]


class AttachmentInline(TabularInline):
    model = Attachment
    extra = 0
    exclude = ["uploaded_by"]


class EventInline(TabularInline):
    model = ReportEvent
    extra = 0
    readonly_fields = ["action", "actor", "at", "comment"]
    can_delete = False


@admin.register(ProgressReport)
class ProgressReportAdmin(ScopedAdmin):
    figures_area_path = "plan__area__path"
    list_display = ["organisation", "period", "plan", "status", "submitted_at"]
    list_filter = ["status", "period__half", "period__year"]
    search_fields = ["organisation__name", "plan__number"]
    raw_id_fields = ["plan", "period", "organisation"]
    inlines = [ProgressInline, ValueInline, ProposalInline, AttachmentInline, EventInline]

    def scope(self, user):
        return access.organisation_scope(user, roles=access.AREA_WIDE_ROLES)
