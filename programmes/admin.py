from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from khuyenhoc import figure_versions
from khuyenhoc.admin_widgets import AutocompleteKeysOnly
from khuyenhoc.forms import CleanTextMixin, TextModelForm
from programmes import access

from .models import Area, Commitment, Indicator, Membership, Organisation, Plan, PlanParty, Section, User
from .services.plans import plan_refresh_search, plan_set_status


class ScopedAdmin(AutocompleteKeysOnly, admin.ModelAdmin):
    """Limits a staff member who is not a superuser to their own scope.

    ``scope`` returns the filter from ``programmes.access`` for the model's
    rows; foreign-key choices are scoped the same way. Text is cleaned as in
    every form of the portal (``TextModelForm``).
    """

    form = TextModelForm
    # The lookup from a row to the path of the area whose cached figures (dashboards) a change
    # of the row alters; None for rows no figure shows. Inlines are saved in the same
    # transaction, before the invalidation runs on commit.
    figures_area_path = None

    def scope(self, user):
        raise NotImplementedError

    def _figures_changed(self, pks) -> None:
        if self.figures_area_path:
            paths = self.model._default_manager.filter(pk__in=pks).values_list(self.figures_area_path, flat=True)
            figure_versions.bump_on_commit(set(paths))

    def save_model(self, request, obj, form, change):
        if change:  # the area it was in, should the change move it
            self._figures_changed([obj.pk])
        super().save_model(request, obj, form, change)
        self._figures_changed([obj.pk])

    def delete_model(self, request, obj):
        self._figures_changed([obj.pk])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._figures_changed(list(queryset.values_list("pk", flat=True)))
        super().delete_queryset(request, queryset)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if access.is_unrestricted(request.user):
            return queryset
        return queryset.filter(self.scope(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not access.is_unrestricted(request.user):
            if db_field.related_model is Area:
                kwargs["queryset"] = access.areas_visible_to(request.user)
            elif db_field.related_model is Organisation:
                kwargs["queryset"] = access.organisations_visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def apply_service(self, request, queryset, service) -> None:
        """Call ``service(row)`` on each selected row, as the portal's pages do, and tell the user
        how many were changed and, row by row, which were refused and why. Each call is its own
        transaction, so a refusal leaves the other rows done."""
        changed = 0
        for row in queryset:
            try:
                service(row)
            except ValidationError as error:
                self._refused(request, row, " ".join(error.messages))
            except PermissionDenied as error:
                self._refused(request, row, str(error))
            else:
                changed += 1
        if changed:
            message = ngettext("%(count)d item was changed.", "%(count)d items were changed.", changed)
            self.message_user(request, message % {"count": changed}, messages.SUCCESS)

    def _refused(self, request, row, reason: str) -> None:
        message = gettext("“%(item)s” was not changed: %(reason)s") % {"item": row, "reason": reason}
        self.message_user(request, message, messages.ERROR)

    def ask_before_action(self, request, queryset, form, title):
        """The page between choosing an action and running it, for an action that needs more than
        the selection (a comment, a date): None once ``form`` is posted back valid, so the action
        runs; otherwise the page that asks for it, carrying the selection and the action along."""
        if "apply" in request.POST and form.is_valid():
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action": request.POST["action"],
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/action_form.html", context)


class TabularInline(AutocompleteKeysOnly, admin.TabularInline):
    """An inline whose text is cleaned as in every form of the portal, and whose posted form
    count is believed up to 200 rows (Django's default builds up to 2,000 forms)."""

    form = TextModelForm
    max_num = 200

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", self.max_num)
        return super().get_formset(request, obj, **kwargs)


class UserForm(CleanTextMixin, UserChangeForm):
    pass


class UserCreationForm(CleanTextMixin, AdminUserCreationForm):
    pass


@admin.register(Area)
class AreaAdmin(ScopedAdmin):
    list_display = ["name", "code", "level", "parent", "is_historical", "successor"]
    list_filter = ["level", "is_historical"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent", "successor"]
    readonly_fields = ["path"]

    def scope(self, user):
        return access.area_scope(user, field="")

    def get_readonly_fields(self, request, obj=None):
        # The path of every area below derives from code and parent, and the level goes with the
        # parent (only the nation has none): fixed once created.
        if obj is not None:
            return ["code", "level", "parent", "path"]
        return self.readonly_fields


class MembershipInline(TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(ScopedAdmin):
    list_display = ["name", "kind", "area", "parent", "is_active"]
    list_filter = ["kind", "area__level", "is_active"]
    search_fields = ["name", "short_name", "area__name"]
    autocomplete_fields = ["area", "parent"]
    inlines = [MembershipInline]

    def scope(self, user):
        return access.organisation_scope(user, field="", roles=access.AREA_WIDE_ROLES)


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role", "organisation__side"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]

    def scope(self, user):
        return access.organisation_scope(user, roles=access.AREA_WIDE_ROLES)


class UserMembershipInline(TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserForm
    add_form = UserCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "email", "password1", "password2")}),
    )
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    inlines = [UserMembershipInline]


class PlanPartyInline(TabularInline):
    model = PlanParty
    extra = 0
    autocomplete_fields = ["organisation"]


class SectionInline(TabularInline):
    model = Section
    extra = 0


@admin.register(Plan)
class PlanAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "area", "status", "start_year", "end_year"]
    list_filter = ["status", "kind", "area__level"]
    search_fields = ["number", "title", "search_text"]
    autocomplete_fields = ["area", "parent"]
    inlines = [PlanPartyInline, SectionInline]
    figures_area_path = "area__path"
    # The status changes only through plan_set_status (the actions below), which allows only
    # the transitions the plan's page offers and refuses a plan without commitments in force.
    readonly_fields = ["status"]
    actions = ["mark_in_force", "mark_ended", "mark_superseded", "mark_draft"]

    def scope(self, user):
        return access.area_scope(user, roles=access.CHANGE_ROLES)

    def _set_status(self, request, queryset, status) -> None:
        self.apply_service(request, queryset, lambda plan: plan_set_status(user=request.user, plan=plan, status=status))

    @admin.action(description=_("Put the selected plans into force"), permissions=["change"])
    def mark_in_force(self, request, queryset):
        self._set_status(request, queryset, Plan.Status.IN_FORCE)

    @admin.action(description=_("Mark the selected plans as ended"), permissions=["change"])
    def mark_ended(self, request, queryset):
        self._set_status(request, queryset, Plan.Status.ENDED)

    @admin.action(description=_("Mark the selected plans as superseded"), permissions=["change"])
    def mark_superseded(self, request, queryset):
        self._set_status(request, queryset, Plan.Status.SUPERSEDED)

    @admin.action(description=_("Return the selected plans to draft"), permissions=["change"])
    def mark_draft(self, request, queryset):
        self._set_status(request, queryset, Plan.Status.DRAFT)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        plan_refresh_search(form.instance)


# Withdrawn through the commitments editor (a service that records who and why). A commitment
# or indicator that filed reports refer to is protected: the admin refuses to delete it.
WITHDRAWAL = ["withdrawn_on", "withdrawn_reason", "withdrawn_by"]


class IndicatorInline(TabularInline):
    model = Indicator
    extra = 0
    exclude = ["origin"]
    readonly_fields = WITHDRAWAL


@admin.register(Commitment)
class CommitmentAdmin(ScopedAdmin, SimpleHistoryAdmin):
    list_display = ["number", "plan", "party", "recurrence"]
    list_filter = ["party", "recurrence"]
    search_fields = ["number", "text", "plan__number", "plan__title"]
    autocomplete_fields = ["plan", "origin", "partner", "supporters"]
    readonly_fields = WITHDRAWAL
    inlines = [IndicatorInline]
    figures_area_path = "plan__area__path"

    def scope(self, user):
        return access.area_scope(user, field="plan__area", roles=access.CHANGE_ROLES)


admin.site.site_header = _("Study promotion coordination portal")
admin.site.site_title = _("Portal administration")
admin.site.index_title = _("Administration")
