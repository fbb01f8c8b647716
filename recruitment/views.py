from itertools import groupby

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Municipality


@require_GET
@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    # One trivial query: proves the database answers without loading anything.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def search_municipalities(query: str):
    municipalities = Municipality.objects.select_related("region").order_by("region__name", "name")
    query = query.strip()
    if query:
        condition = Q(name__icontains=query)
        if query.isdigit():
            condition |= Q(code=int(query))
        municipalities = municipalities.filter(condition)
    return municipalities


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    municipalities = list(search_municipalities(query))
    regions = [(region, list(items)) for region, items in groupby(municipalities, key=lambda m: m.region)]
    ctx = {"query": query, "regions": regions, "match_count": len(municipalities)}
    if request.htmx:
        return render(request, "recruitment/home.html#municipality-list", ctx)
    return render(request, "recruitment/home.html", ctx)
