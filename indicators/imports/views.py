"""The admin's import pages: upload, follow the check, read the preview, confirm or cancel, see past imports."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from indicators.models import DataImport
from recruitment.rendering import render_page
from recruitment.request_types import SignedInRequest

from . import jobs, tasks
from .forms import UploadForm
from .importers.reading import megabytes

SAMPLES_DIR = Path(settings.BASE_DIR) / "fixtures" / "samples"
SAMPLES = {
    DataImport.Kind.PRACTICUM_EVALUATIONS: "practicum-evaluations.csv",
    DataImport.Kind.WORKFORCE: "workforce.xlsx",
    DataImport.Kind.INTERVENTION_SURVEY: "intervention-survey.csv",
    DataImport.Kind.POPULATION_PROJECTION: "population-projection.csv",
    DataImport.Kind.MUNICIPALITY_GROUPS: "municipality-groups-dst.csv",
}
PAGE_SIZE = 25


def _require_admin(request: HttpRequest) -> None:
    """Only admins import: the data feed every municipality's dashboard."""
    if not request.user.is_staff:
        # The 403 page shows this sentence (templates/403.html): the refusal speaks of imports.
        raise PermissionDenied(_("Kun administratorer kan importere data. Kontakt en administrator, hvis der mangler "
                                 "data på dashboardene."))


def _history(request: HttpRequest) -> dict[str, object]:
    # The problem lists can be long and are only needed on an import's own page.
    imports = DataImport.objects.select_related("uploaded_by").defer("problems", "error")
    page = Paginator(imports, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page}


def _list_context(request: HttpRequest, form: UploadForm) -> dict[str, object]:
    samples = [{"kind": kind, "label": kind.label, "file": name} for kind, name in SAMPLES.items()]
    return {"form": form, "samples": samples, "max_size": megabytes(settings.IMPORT_MAX_BYTES), **_history(request)}


@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return render_page(request, "indicators/imports/list.html", "history", _list_context(request, UploadForm()))


@require_POST
def import_upload(request: SignedInRequest) -> HttpResponse:
    _require_admin(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "indicators/imports/list.html", _list_context(request, form), status=400)
    upload = form.cleaned_data["file"]
    content = b"".join(upload.chunks())
    jobs.expire_unconfirmed_previews()
    record = jobs.create(form.cleaned_data["kind"], upload.name, content, request.user)
    tasks.enqueue_check(record)
    return redirect("import-detail", pk=record.pk)


@require_GET
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    record = get_object_or_404(DataImport.objects.select_related("uploaded_by"), pk=pk)
    ctx = {
        "record": record,
        "summary": record.summary,
        "stalled": record.is_stalled,
        "waiting_for_worker": jobs.waiting_for_worker(record),
        # Each kept problem is one; a summary line stands for `more` of its kind.
        "hidden_problems": record.problem_count - sum(problem.get("more", 1) for problem in record.problems),
    }
    return render_page(request, "indicators/imports/detail.html", "import-status", ctx)


@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    record = get_object_or_404(DataImport, pk=pk)
    if jobs.confirm(record):
        tasks.enqueue_run(record)
    else:
        messages.error(request, _("Importen kan ikke bekræftes nu (status: %(status)s).")
                       % {"status": record.get_status_display()})
    return redirect("import-detail", pk=record.pk)


@require_POST
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    record = get_object_or_404(DataImport, pk=pk)
    if jobs.cancel(record):
        messages.success(request, _("Importen er annulleret. Intet er ændret, og filen er slettet."))
    else:
        messages.error(request, _("Importen kan ikke annulleres nu (status: %(status)s).")
                       % {"status": record.get_status_display()})
    return redirect("import-detail", pk=record.pk)


@require_POST
def import_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    record = get_object_or_404(DataImport, pk=pk)
    step = jobs.retry(record)
    if step == "check":
        tasks.enqueue_check(record)
    elif step == "run":
        tasks.enqueue_run(record)
    else:
        messages.error(request, _("Importen kan ikke startes igen. Upload filen på ny."))
    return redirect("import-detail", pk=record.pk)


@require_GET
def import_sample(request: HttpRequest, slug: str) -> FileResponse:
    _require_admin(request)
    if slug not in SAMPLES:
        raise Http404
    name = SAMPLES[DataImport.Kind(slug)]
    return FileResponse((SAMPLES_DIR / name).open("rb"), as_attachment=True, filename=name)
