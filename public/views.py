"""The public pages of the provinces that publish: no account needed, aggregates only. And the
page where a province's administrator switches its page on or off."""

import csv
from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from programmes import access
from programmes.models import Area

from . import figures
from .forms import PublicationForm
from .models import Publication


def public_cache(view):
    """Stored for five minutes by browsers and proxies when read without an account; a signed-in
    reader's copy (its menu names them) is never stored (``khuyenhoc.middleware``)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not request.user.is_authenticated and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=300)
        return response

    return wrapped


def _figures(code: str) -> dict:
    publication = figures.publication_of(code)
    if publication is None:
        raise Http404
    return figures.province_figures(publication)


@require_safe
@public_cache
def index(request):
    """The national page: the provinces that publish their figures."""
    return render(request, "public/index.html", {"provinces": figures.published_provinces()})


@require_safe
@public_cache
def province(request, code):
    data = _figures(code)
    return render(request, "public/province.html", {"figures": data, "day": date.fromisoformat(data["generated_on"])})


@require_safe
@public_cache
def province_json(request, code):
    response = JsonResponse(_figures(code), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@public_cache
def province_csv(request, code):
    data = _figures(code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="so-lieu-{code.lower()}.csv"'
    response.write("\ufeff")  # Excel reads the Vietnamese as UTF-8
    writer = csv.writer(response)
    writer.writerow(figures.CSV_COLUMNS)
    writer.writerows(figures.csv_rows(data))
    return response


def administered_provinces(user):
    """The provinces whose page the user switches on: those they administer (all, for a superuser)."""
    provinces = Area.objects.filter(level=Area.Level.PROVINCE, is_historical=False).order_by("name")
    if access.is_unrestricted(user):
        return provinces
    return provinces.filter(access.area_scope(user, field="", roles={access.Role.ADMIN}))


@login_required
def settings_page(request):
    provinces = administered_provinces(request.user)
    if not provinces.exists():
        raise PermissionDenied
    rows = []
    for area in provinces[:100]:
        publication = Publication.objects.filter(area=area).first() or Publication(area=area)
        rows.append((area, PublicationForm(instance=publication, prefix=f"p{area.pk}")))
    return render(request, "public/settings.html", {"rows": rows})


@login_required
@require_POST
def settings_save(request, area_pk):
    area = get_object_or_404(administered_provinces(request.user), pk=area_pk)
    publication = Publication.objects.filter(area=area).first() or Publication(area=area)
    form = PublicationForm(request.POST, instance=publication, prefix=f"p{area.pk}")
    if form.is_valid():
        publication = form.save(commit=False)
        publication.changed_by = request.user
        publication.save()
        messages.success(request, _("The public page of %(province)s was saved.") % {"province": area.name})
        return redirect("public:settings")
    return render(request, "public/settings.html", {"rows": [(area, form)]}, status=400)
