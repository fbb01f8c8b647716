from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from recruitment.models import Municipality


def _municipality(code: int) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("region"), code=code)


@require_GET
def coverage_panel(request: HttpRequest, code: int) -> HttpResponse:
    """The pathway panels alone: what htmx swaps in when an intervention changes."""
    ctx = {"municipality": _municipality(code), "include_planned": request.GET.get("planned") == "1"}
    return render(request, "indicators/coverage_panel_page.html", ctx)
