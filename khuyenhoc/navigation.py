"""The main navigation, filtered by the user's roles.

Each app adds its pages here with the roles that use them; the template only
renders what this returns. Like the rest of the project package, it loads no app
when it is imported (settings and the Celery app import this package before the
apps are ready): the apps' modules are read when the menu is first built.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] | None = None  # None: every signed-in user
    staff_only: bool = False
    own_unit: bool = False  # needs a membership of the user's own, even for a superuser
    active_for: tuple[str, ...] = ()  # other views under this item, by name prefix

    def visible_to(self, user) -> bool:
        from programmes import access

        if self.staff_only:
            return user.is_staff
        if self.roles is None:
            return True
        if access.is_unrestricted(user) and not self.own_unit:
            return True
        return bool(access.roles_of(user) & self.roles)

    def is_active(self, view_name: str | None) -> bool:
        if not view_name:
            return False
        return view_name == self.url_name or view_name.startswith(self.active_for or (self.url_name,))


@cache
def menu_items() -> list[NavItem]:
    """The menu's items, in order."""
    from programmes import access

    Role = access.Role
    return [
        NavItem(_("Home"), "home"),
        NavItem(
            _("Plans"),
            "programmes:plan_list",
            active_for=("programmes:plan", "programmes:commitment", "programmes:section"),
        ),
        NavItem(
            _("Dashboard"),
            "reports:dashboard",
            roles=access.AREA_WIDE_ROLES,
            active_for=("reports:dashboard", "reports:report_list"),
        ),
        NavItem(
            _("My reports"),
            "reports:my_reports",
            roles=frozenset({Role.REPORTER}),
            own_unit=True,
            active_for=("reports:my_reports", "reports:report_edit", "reports:report_submit"),
        ),
        NavItem(
            pgettext_lazy("navigation", "Review"), "reports:review_queue", roles=frozenset({Role.REVIEWER, Role.ADMIN})
        ),
        NavItem(
            _("Units"),
            "programmes:organisation_list",
            roles=access.AREA_WIDE_ROLES,
            active_for=("programmes:organisation",),
        ),
        NavItem(_("My unit"), "programmes:my_organisation", roles=frozenset({Role.REPORTER}), own_unit=True),
        # Children's names: only for the staff of a list's parties, so never for a superuser as such.
        NavItem(_("Pupil lists"), "awards:list_index", roles=access.ALL_ROLES, own_unit=True, active_for=("awards:",)),
        NavItem(_("Public pages"), "public:settings", roles=frozenset({Role.ADMIN}), active_for=("public:",)),
        NavItem(_("Administration"), "admin:index", staff_only=True),
    ]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from programmes import access
    from tasks.models import Notification

    current = request.resolver_match.view_name if request.resolver_match else None
    items = [
        {"label": item.label, "url": reverse(item.url_name), "active": item.is_active(current)}
        for item in menu_items()
        if item.visible_to(user)
    ]
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {"nav_items": items, "nav_memberships": access.memberships_of(user), "nav_unread": unread}
