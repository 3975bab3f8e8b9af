from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from programmes import access

from .. import selectors
from ..forms import OrganisationFilterForm


@login_required
def organisation_list(request):
    if not access.has_role(request.user, *access.AREA_WIDE_ROLES):
        raise PermissionDenied
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_list(request.user, **filters)
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(request, "programmes/organisation_list.html", {"form": form, "page": page})


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(selectors.organisations_visible_to(request.user), pk=pk)
    children = selectors.organisations_visible_to(request.user).filter(parent=organisation)
    members = organisation.memberships.select_related("user").order_by("role", "user__last_name")
    return render(
        request,
        "programmes/organisation_detail.html",
        {"organisation": organisation, "children": children, "members": members},
    )


@login_required
def my_organisation(request):
    """A reporter's own unit; with several, the first (the home page lists them all)."""
    organisations = selectors.reporting_organisations_of(request.user)
    if not organisations:
        raise PermissionDenied
    return redirect("programmes:organisation_detail", pk=organisations[0].pk)
