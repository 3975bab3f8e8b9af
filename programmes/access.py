"""Who may see and change what: the one place that scopes data to a user.

A user holds roles through memberships in organisations. The role says what
they may do; the organisation's area says where:

- editors, reviewers, leaders and administrators act on the whole subtree of
  their organisation's area (a provincial reviewer sees every unit of the
  province), including the historical units that the area took over in the
  2025 reform, so that old plans stay readable;
- reporters act for their own organisation only.

Selectors in the apps build their querysets from the ``Q`` objects returned
here (``queryset.filter(area_scope(user))``); views fetch through those
selectors, so an object outside the user's scope is simply not found (404).
Superusers see everything; anonymous and inactive users see nothing.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from programmes.models import Area, Membership, Organisation

Role = Membership.Role

AREA_WIDE_ROLES = frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.ADMIN})
ALL_ROLES = frozenset(Role.values)
CHANGE_ROLES = frozenset({Role.EDITOR, Role.ADMIN})

_CACHE_ATTR = "_khuyenhoc_access_cache"


def _cache(user) -> dict:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    return cache


def is_unrestricted(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their organisation and area, fetched once per user object."""
    if not user.is_authenticated or not user.is_active:
        return []
    cache = _cache(user)
    if "memberships" not in cache:
        cache["memberships"] = list(
            Membership.objects.filter(user=user, organisation__is_active=True).select_related("organisation__area")
        )
    return cache["memberships"]


def roles_of(user) -> set[str]:
    return {membership.role for membership in memberships_of(user)}


def has_role(user, *roles: str) -> bool:
    """Whether the user holds any of ``roles`` anywhere (superusers hold them all)."""
    return is_unrestricted(user) or bool(roles_of(user) & set(roles))


def _root_paths(user, roles: Iterable[str]) -> list[str]:
    """Paths of the areas where the user holds one of ``roles``, with the
    historical units those areas succeeded."""
    paths = _areas_held(memberships_of(user), roles)
    # Keyed by the areas, not the roles: most users hold one membership, so that every set of roles
    # asked for in a request gives the same areas, and one query.
    cache = _cache(user)
    key = ("roots", paths)
    if key not in cache:
        roots = list(paths)
        if roots:
            # Historical units that these areas took over, unless they lie inside one of them already
            # (a national role covers every historical province: nothing to read).
            predecessors = Area.objects.filter(_any_prefix("successor__path", roots), is_historical=True).exclude(
                _any_prefix("path", roots)
            )
            roots = _outermost([*roots, *predecessors.values_list("path", flat=True)])
        cache[key] = roots
    return cache[key]


def _areas_held(memberships: Iterable[Membership], roles: Iterable[str]) -> tuple[str, ...]:
    """The paths of the areas where ``memberships`` hold one of ``roles``, outermost only."""
    roles = frozenset(roles)
    return tuple(_outermost(m.organisation.area.path for m in memberships if m.role in roles))


def _outermost(paths: Iterable[str]) -> list[str]:
    """``paths`` without those inside another (to keep the SQL small), sorted. In sorted order an
    area's subtree follows it, so each path needs comparing with the last one kept only."""
    kept = []
    for path in sorted(set(paths)):
        if not (kept and path.startswith(kept[-1])):
            kept.append(path)
    return kept


def root_paths(user, roles: Iterable[str] = ALL_ROLES) -> list[str]:
    """The paths that ``area_scope(user, roles=roles)`` admits the subtrees of (superusers: see
    ``is_unrestricted``), for keys of what is cached per scope."""
    return list(_root_paths(user, roles))


def _any_prefix(lookup: str, prefixes: Iterable[str]) -> Q:
    q = Q()
    for prefix in prefixes:
        q |= Q(**{f"{lookup}__startswith": prefix})
    return q


def _join(field: str, lookup: str) -> str:
    """``field__lookup``, or ``lookup`` alone when filtering the model itself (``field=""``)."""
    return f"{field}__{lookup}" if field else lookup


def _nothing() -> Q:
    return Q(pk__in=[])


def _ancestor_paths(path: str) -> list[str]:
    parts = path.rstrip("/").split("/")
    return ["/".join(parts[:i]) + "/" for i in range(1, len(parts))]


def area_scope(
    user,
    *,
    field: str = "area",
    roles: Iterable[str] = ALL_ROLES,
    include_ancestors: bool = False,
) -> Q:
    """A filter on ``field`` (a foreign key to Area; ``""`` for Area itself)
    to the areas where the user holds one of ``roles``.

    ``include_ancestors`` also admits the areas above the user's own, for
    documents a lower level must read: a commune reporter reads the
    provincial plan it reports against.
    """
    if is_unrestricted(user):
        return Q()
    roots = _root_paths(user, roles)
    if not roots:
        return _nothing()
    q = _any_prefix(_join(field, "path"), roots)
    if include_ancestors:
        above = sorted({path for root in roots for path in _ancestor_paths(root)})
        q |= Q(**{_join(field, "path__in"): above})
    return q


def organisation_scope(user, *, field: str = "organisation", roles: Iterable[str] = ALL_ROLES) -> Q:
    """A filter on ``field`` (a foreign key to Organisation; ``""`` for
    Organisation itself) to the organisations the user acts for with one of
    ``roles``: every organisation in the subtree for area-wide roles, the
    user's own organisation for reporters."""
    if is_unrestricted(user):
        return Q()
    roles = frozenset(roles)
    q = _nothing()
    wide = roles & AREA_WIDE_ROLES
    if wide and _root_paths(user, wide):
        q |= area_scope(user, field=_join(field, "area"), roles=wide)
    own = [m.organisation_id for m in memberships_of(user) if m.role in roles - AREA_WIDE_ROLES]
    if own:
        q |= Q(**{_join(field, "pk__in"): own})
    return q


def areas_visible_to(user) -> QuerySet[Area]:
    """Areas the user may see: the subtrees of all their organisations' areas."""
    return Area.objects.filter(area_scope(user, field=""))


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Organisations the user may see: the subtree for area-wide roles, their own for reporters."""
    return Organisation.objects.filter(organisation_scope(user, field=""))


def can_change_area(user, area: Area) -> bool:
    """Whether the user may change what belongs to ``area`` (editors and administrators above it)."""
    if is_unrestricted(user):
        return True
    return any(area.path.startswith(root) for root in _root_paths(user, CHANGE_ROLES))


def covers_area(user, area: Area, roles: Iterable[str] = AREA_WIDE_ROLES) -> bool:
    """Whether ``area`` lies in the user's scope for ``roles``: what ``area_scope`` admits, decided
    without a query once the user's memberships are loaded (see ``prefetch_scopes``)."""
    if is_unrestricted(user):
        return True
    return any(area.path.startswith(root) for root in _root_paths(user, roles))


def covers_organisation(user, organisation: Organisation) -> bool:
    """Whether the user acts for ``organisation`` (what ``organisation_scope`` admits), without a
    query once the user's memberships are loaded; ``organisation.area`` should be loaded too."""
    if is_unrestricted(user):
        return True
    if any(m.role not in AREA_WIDE_ROLES and m.organisation_id == organisation.pk for m in memberships_of(user)):
        return True
    return covers_area(user, organisation.area, AREA_WIDE_ROLES)


def prefetch_scopes(users: Iterable, roles: Iterable[str] = AREA_WIDE_ROLES) -> None:
    """Load the memberships and the ``roles`` scope of many users in two queries, into each user's
    own cache, so that a sweep over thousands of people does not ask once per person."""
    users = [u for u in users if u.is_authenticated and u.is_active and "memberships" not in _cache(u)]
    if not users:
        return
    by_user: dict[int, list[Membership]] = {u.pk: [] for u in users}
    rows = Membership.objects.filter(user__in=users, organisation__is_active=True).select_related("organisation__area")
    for membership in rows:
        by_user[membership.user_id].append(membership)
    historical = list(
        Area.objects.filter(is_historical=True, successor__isnull=False).values_list("path", "successor__path")
    )
    for user in users:
        cache = _cache(user)
        cache["memberships"] = by_user[user.pk]
        # What _root_paths would read, under its key.
        paths = _areas_held(by_user[user.pk], roles)
        taken_over = [path for path, successor in historical if successor.startswith(paths)] if paths else []
        cache[("roots", paths)] = _outermost([*paths, *taken_over])
