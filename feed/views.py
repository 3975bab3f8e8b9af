"""The pages of a plan's feed. Each fetches the plan through ``access.feeds_readable_by``: anyone
who does not read the feed gets 404, whatever else they may see of the plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from khuyenhoc.pagination import CountingPaginator
from programmes.files import file_download
from programmes.models import Plan

from . import selectors, services
from .access import feeds_readable_by, posting_parties
from .forms import EntryForm, FilterForm, SubscriptionForm
from .models import EntryAttachment, FeedSubscription

PER_PAGE = 25
POST_FIELDS = ("party", "kind", "title", "body", "number")


def _plan(request, plan_pk) -> Plan:
    return get_object_or_404(feeds_readable_by(request.user).select_related("area"), pk=plan_pk)


def _page(request, plan: Plan, parties: list, form: EntryForm | None = None):
    """The feed, newest first and filtered as asked, with the post form for those who post; the
    feed is then marked seen, and what was new to the reader is marked so."""
    # Its own ids: the post form on the same page has a party and a kind too.
    filters = FilterForm(request.GET or None, parties=selectors.parties_of(plan), auto_id="filter-%s")
    page = CountingPaginator(selectors.entries_of(plan, **filters.filters()), PER_PAGE).get_page(
        request.GET.get("page")
    )
    seen = services.feed_seen(user=request.user, plan=plan)
    new = {e.pk for e in page if e.created_by_id != request.user.pk and (seen is None or e.created_at > seen)}
    context = {
        "plan": plan,
        "page": page,
        "filters": filters,
        "form": form or (EntryForm(parties=parties) if parties else None),
        "parties": parties,
        "new": new,
        "openable": selectors.openable_links(request.user, page),
    }
    return render(request, "feed/entries.html", context)


@login_required
@require_safe
def entries(request, plan_pk):
    plan = _plan(request, plan_pk)
    return _page(request, plan, posting_parties(request.user, plan))


@login_required
@require_POST
def post(request, plan_pk):
    """Post in the feed. A form with a problem comes back with everything typed (files must be
    chosen again) and nothing saved."""
    plan = _plan(request, plan_pk)
    parties = posting_parties(request.user, plan)
    if not parties:
        raise PermissionDenied
    form = EntryForm(request.POST, request.FILES, parties=parties)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in POST_FIELDS}
        try:
            services.entry_post(user=request.user, plan=plan, files=form.cleaned_data["files"], **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Posted in the plan's feed."))
            return redirect("feed:entries", plan_pk=plan.pk)
    return _page(request, plan, parties, form)


@login_required
@require_safe
def attachment(request, plan_pk, pk):
    plan = _plan(request, plan_pk)
    item = get_object_or_404(EntryAttachment, entry__plan=plan, pk=pk)
    return file_download(item.file, item.name)


@login_required
def subscription(request):
    """Whether the user gets the weekly e-mail of the feeds they read."""
    current = FeedSubscription.objects.filter(user=request.user, weekly_digest=True).exists()
    form = SubscriptionForm(request.POST if request.method == "POST" else None, initial={"weekly_digest": current})
    if form.is_bound and form.is_valid():
        services.subscription_save(user=request.user, weekly_digest=form.cleaned_data["weekly_digest"])
        messages.success(request, _("Your feed settings were saved."))
        return redirect("feed:settings")
    return render(request, "feed/settings.html", {"form": form})
