from django.contrib import admin

from khuyenhoc.forms import TextModelForm
from programmes import access
from programmes.admin import ScopedAdmin

from .models import Notification, Reminder, ReminderOptOut, ReminderSettings


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(ScopedAdmin):
    list_display = ["__str__", "due_days", "overdue_days", "digest_days", "conference_days", "plan_ending_days"]
    autocomplete_fields = ["area"]

    def scope(self, user):
        return access.area_scope(user, roles=access.CHANGE_ROLES)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "step", "recipient", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["kind", "status"]
    search_fields = ["recipient__username", "subject"]
    readonly_fields = [f.name for f in Reminder._meta.fields]

    def has_add_permission(self, request):
        return False


admin.site.register(
    Notification,
    form=TextModelForm,
    list_display=["created_at", "user", "title", "read_at"],
    raw_id_fields=["user", "reminder"],
)
admin.site.register(ReminderOptOut, form=TextModelForm, list_display=["user", "kind"], raw_id_fields=["user"])
