"""The pages of the pupil lists. Every page answers 404 for a list the user may not read: its
names are children's personal data (``awards.access``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khuyenhoc.pagination import CountingPaginator
from reports.views.review import XLSX, download

from . import access, selectors, services, spreadsheet
from . import anonymise as anonymising
from .forms import AnonymiseForm, DecisionForm, EntryForm, PupilListForm, ReturnForm, UploadForm
from .models import ListAccess, ListEntry, PupilList
from .totals import list_totals

ENTRY_FIELDS = [column.key for column in spreadsheet.COLUMNS]


def _list(request, pk) -> PupilList:
    return get_object_or_404(access.lists_visible_to(request.user), pk=pk)


def _moved(request, pupil_list: PupilList, error: ValidationError):
    """Back to the list, saying why the action was not taken (it moved on meanwhile)."""
    messages.error(request, " ".join(error.messages))
    return redirect("awards:list_detail", pk=pupil_list.pk)


def _refusal(request, pupil_list: PupilList, may):
    """None if ``may`` lets the user act; for one of the right party on a list that moved on, the
    list's page saying so; for anyone else, 403."""
    if may(request.user, pupil_list):
        return None
    if services.PARTY_OF[may](request.user, pupil_list):
        return _moved(request, pupil_list, ValidationError(services.moved_message(pupil_list)))
    raise PermissionDenied


@login_required
def list_index(request):
    lists = access.lists_visible_to(request.user).order_by("-school_year", "-created_at")
    context = {
        "lists": lists,
        "can_create": access.drawing_organisations(request.user).exists(),
        "proposed": access.entries_proposed_by(request.user).exists(),
        "may_anonymise": anonymising.may_anonymise(request.user),
    }
    return render(request, "awards/list_index.html", context)


@login_required
def proposed_entries(request):
    """The pupils the user's units proposed to a party drawing up a list, and what they were given;
    each list read this way is recorded as viewed."""
    entries = (
        access.entries_proposed_by(request.user)
        .select_related("pupil_list", "proposed_by")
        .order_by("-pupil_list__school_year", "pupil_list__title", "order", "pk")
    )
    page = CountingPaginator(entries, 50).get_page(request.GET.get("page"))
    for pupil_list in {entry.pupil_list for entry in page}:
        services.record_access(user=request.user, pupil_list=pupil_list, action=ListAccess.Action.VIEWED)
    return render(request, "awards/proposed_entries.html", {"page": page})


@login_required
def anonymise(request):
    """An administrator removes the names of a school year whose awards are closed."""
    if not anonymising.may_anonymise(request.user):
        raise PermissionDenied
    years = anonymising.school_years(request.user)
    form = AnonymiseForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["school_year"]
        try:
            pupils = anonymising.school_year_anonymise(user=request.user, school_year=year)
        except ValidationError as error:
            form.add_error("school_year", error)
        else:
            messages.success(
                request,
                _("The names of %(count)s pupils of the school year %(year)s were removed; the figures are kept.")
                % {"count": pupils, "year": f"{year}-{year + 1}"},
            )
            return redirect("awards:anonymise")
    return render(request, "awards/anonymise.html", {"form": form, "years": years})


@login_required
def list_create(request):
    if not access.drawing_organisations(request.user).exists():
        raise PermissionDenied
    form = PupilListForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        pupil_list = services.list_create(user=request.user, pupil_list=form.save(commit=False))
        messages.success(request, _("The list was created. Add its pupils, or upload the filled-in template."))
        return redirect("awards:list_detail", pk=pupil_list.pk)
    return render(request, "awards/list_form.html", {"form": form})


def _detail(request, pupil_list: PupilList, return_form=None, status=200):
    """The list's page: its entries, each with how many other lists propose the same pupil."""
    services.record_access(user=request.user, pupil_list=pupil_list, action=ListAccess.Action.VIEWED)
    elsewhere = selectors.proposed_elsewhere(pupil_list)
    context = {
        "pupil_list": pupil_list,
        "rows": [(entry, elsewhere.get(entry.pk, 0)) for entry in pupil_list.entries.select_related("proposed_by")],
        "can_draw": access.can_draw(request.user, pupil_list),
        "can_receive": access.can_receive(request.user, pupil_list),
        "can_decide": access.can_decide(request.user, pupil_list),
        "totals": list_totals(pupil_list),
        "return_form": return_form or ReturnForm(),
    }
    return render(request, "awards/list_detail.html", context, status=status)


@login_required
def list_detail(request, pk):
    return _detail(request, _list(request, pk))


@login_required
def list_upload(request, pk):
    pupil_list = _list(request, pk)
    if refused := _refusal(request, pupil_list, access.can_draw):
        return refused
    form = UploadForm(request.POST or None, request.FILES or None, pupil_list=pupil_list)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.entries_replace(user=request.user, pupil_list=pupil_list, rows=form.rows)
        except ValidationError as error:
            return _moved(request, pupil_list, error)
        messages.success(request, _("%(count)s pupils were read from the file.") % {"count": count})
        return redirect("awards:list_detail", pk=pupil_list.pk)
    return render(request, "awards/list_upload.html", {"pupil_list": pupil_list, "form": form})


@login_required
def list_download(request, pk):
    pupil_list = _list(request, pk)
    services.record_access(user=request.user, pupil_list=pupil_list, action=ListAccess.Action.DOWNLOADED)
    entries = pupil_list.entries.select_related("proposed_by")
    content = spreadsheet.entries_xlsx(pupil_list.title, [_shown(entry) for entry in entries])
    return download(content, f"danh-sach-{pupil_list.pk}.xlsx", XLSX)


def _shown(entry: ListEntry) -> dict:
    """An entry as the downloaded file writes it: its decision and source by name."""
    fields = {name: getattr(entry, name) for name in (*ENTRY_FIELDS, "amount", "given_on", "occasion")}
    proposer = entry.proposed_by.name if entry.proposed_by else ""
    return {**fields, "decision": entry.get_decision_display(), "source": _source(entry), "proposed_by": proposer}


def _source(entry: ListEntry) -> str:
    source = entry.get_source_display()
    return f"{source}: {entry.donor}" if entry.donor else source


@login_required
def template_download(request):
    return download(spreadsheet.template_xlsx(), "mau-danh-sach-hoc-sinh.xlsx", XLSX)


@login_required
def entry_edit(request, pk, entry_pk=None):
    pupil_list = _list(request, pk)
    if refused := _refusal(request, pupil_list, access.can_draw):
        return refused
    entry = get_object_or_404(pupil_list.entries, pk=entry_pk) if entry_pk else ListEntry(pupil_list=pupil_list)
    form = EntryForm(request.POST or None, instance=entry, pupil_list=pupil_list)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_save(user=request.user, entry=form.save(commit=False))
        except ValidationError as error:
            return _moved(request, pupil_list, error)
        return redirect("awards:list_detail", pk=pupil_list.pk)
    return render(request, "awards/entry_form.html", {"pupil_list": pupil_list, "form": form, "entry": entry})


@login_required
def entry_decide(request, pk, entry_pk):
    """What the receiving party decided for one pupil, and gave."""
    pupil_list = _list(request, pk)
    if refused := _refusal(request, pupil_list, access.can_decide):
        return refused
    entry = get_object_or_404(pupil_list.entries, pk=entry_pk)
    form = DecisionForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_decide(user=request.user, entry=form.save(commit=False))
        except ValidationError as error:
            return _moved(request, pupil_list, error)
        return redirect("awards:list_detail", pk=pupil_list.pk)
    twice = selectors.proposed_elsewhere(pupil_list).get(entry.pk, 0)
    context = {"pupil_list": pupil_list, "entry": entry, "form": form, "twice": twice}
    return render(request, "awards/entry_decision.html", context)


@login_required
@require_POST
def entry_delete(request, pk, entry_pk):
    pupil_list = _list(request, pk)
    entry = get_object_or_404(pupil_list.entries, pk=entry_pk)
    try:
        services.entry_delete(user=request.user, entry=entry)
    except ValidationError as error:
        return _moved(request, pupil_list, error)
    return redirect("awards:list_detail", pk=pupil_list.pk)


@login_required
@require_POST
def list_send(request, pk):
    pupil_list = _list(request, pk)
    try:
        services.list_send(user=request.user, pupil_list=pupil_list)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The list was sent to %(party)s.") % {"party": pupil_list.received_by})
    return redirect("awards:list_detail", pk=pupil_list.pk)


@login_required
@require_POST
def list_agree(request, pk):
    pupil_list = _list(request, pk)
    try:
        services.list_agree(user=request.user, pupil_list=pupil_list)
    except ValidationError as error:
        return _moved(request, pupil_list, error)
    messages.success(request, _("The list was agreed."))
    return redirect("awards:list_detail", pk=pk)


@login_required
@require_POST
def list_return(request, pk):
    pupil_list = _list(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.list_return(user=request.user, pupil_list=pupil_list, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            return _moved(request, pupil_list, error)
        messages.success(request, _("The list was returned to %(party)s.") % {"party": pupil_list.drawn_by})
        return redirect("awards:list_detail", pk=pk)
    if refused := _refusal(request, pupil_list, access.can_receive):
        return refused
    return _detail(request, pupil_list, form, status=400)
