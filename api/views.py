"""The read API (/api/v1/): the dashboards' data as JSON, with the pages' access rules and numbers.

Every number comes from the code the pages use (coverage, practicum shares), never recomputed here; a share
built on fewer than 5 answers is null, as it is "for få svar" on the pages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import generics
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.coverage import load_catalogue
from indicators.dashboards.municipality import COVERAGE_CSV_COLUMNS, coverage_csv_rows, panel_coverage
from indicators.filters import PageFilters
from indicators.models import Education, PracticumQuestion, PracticumRole, WorkforceStat
from indicators.practicum import question_series
from indicators.practicum import supervisor_training as training_shares
from indicators.projection import pages as projection_pages
from indicators.shares import Share
from interventions.models import Intervention
from recruitment.data_version import page_cached
from recruitment.models import Municipality, Pathway, Region, TargetGroup

from . import serializers


def query_numbers(request: Request, *names: str) -> dict[str, int | None]:
    """The named filters of the query string, read as the pages read them (indicators.filters.PageFilters);
    a refused one is a 400 with its Danish message, so that no value reaches a date or the database that either
    cannot hold."""
    try:
        return PageFilters(request.query_params).numbers(*names)
    except DjangoValidationError as refused:
        raise ValidationError(refused.message_dict) from None


REGION = OpenApiParameter("region", OpenApiTypes.INT, description="Kun denne region (dens kode, fx 1084).")
YEAR = OpenApiParameter("year", OpenApiTypes.INT, description="Kun dette år.")
MUNICIPALITY = OpenApiParameter("municipality", OpenApiTypes.INT, description="Kun denne kommune (dens kode).")
PLANNED = OpenApiParameter("planned", OpenApiTypes.INT, enum=[1],
                           description="1: planlagte indsatser tæller også med i dækningen, som ?planned=1 på siderne.")
CODE_PATH = OpenApiParameter("code", OpenApiTypes.INT, OpenApiParameter.PATH, description="Kommunekoden, fx 165.")


@extend_schema(summary="Regionerne", description="De fem regioner (KKR) med kode, navn og adresse.")
class RegionList(generics.ListAPIView):
    queryset = Region.objects.order_by("code")
    serializer_class = serializers.RegionSerializer


@extend_schema(summary="Kommunerne", description="De 98 kommuner med kode, navn og region.", parameters=[REGION])
class MunicipalityList(generics.ListAPIView):
    serializer_class = serializers.MunicipalitySerializer

    def get_queryset(self):
        municipalities = Municipality.objects.select_related("region").order_by("code")
        if (region := query_numbers(self.request, "region")["region"]) is not None:
            municipalities = municipalities.filter(region__code=region)
        return municipalities


@extend_schema(summary="Vejene", description="De tre veje til flere pædagoger og deres målgrupper.")
class PathwayList(generics.ListAPIView):
    serializer_class = serializers.PathwaySerializer
    queryset = Pathway.objects.order_by("position").prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("position")))


@extend_schema(summary="EVA's katalog", responses=serializers.CatalogueTypeSerializer(many=True),
               description="Katalogets indsatstyper, hver med EVA-tallet der gælder: andel, sikkerhed (også i ord), "
                           "kilden som post, citatet tallet bygger på, og om EVA anbefaler typen med hæftets ord.")
@api_view(["GET"])
def catalogue(request: Request) -> Response:
    """EVA's catalogue of intervention types, each with its benchmark: share, certainty and source."""
    data = load_catalogue()
    rows = []
    for pathway in data.pathways:
        for entry in data.entries(pathway):
            benchmark = entry.benchmark
            kind = entry.intervention_type
            rows.append({
                "slug": kind.slug, "label": kind.label, "pathway": pathway.slug, "target_group": kind.target_group.slug,
                "eva_recommends": kind.eva_recommends, "recommendation_quote": kind.recommendation_quote,
                "benchmark": None if benchmark is None else {
                    "share_pct": benchmark.share_pct, "confidence": benchmark.confidence,
                    "certainty": str(benchmark.certainty_word), "note": benchmark.note,
                    "source": benchmark.source.name, "source_publisher": benchmark.source.publisher,
                    "source_year": benchmark.source.year, "source_record": {
                        "slug": benchmark.source.slug, "name": benchmark.source.name,
                        "publisher": benchmark.source.publisher, "year": benchmark.source.year,
                        "url": benchmark.source.url},
                    "quote": benchmark.quote, "quote_location": benchmark.quote_location},
            })
    return Response(serializers.CatalogueTypeSerializer(rows, many=True).data)


@extend_schema(summary="En kommunes dækning", parameters=[CODE_PATH, PLANNED],
               responses=serializers.CoverageRowSerializer(many=True),
               description="Én række pr. vej med nøjagtig coverage.csv's kolonner, fra samme beregning, som tal.")
@api_view(["GET"])
def coverage(request: Request, code: int) -> Response:
    """One object per pathway with exactly coverage.csv's columns, from the same computation, as numbers."""
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    # The cached builder coverage.csv takes: one computation per data version for both.
    result, _key = page_cached(panel_coverage, municipality, PageFilters(request.query_params).include_planned)
    return Response([dict(zip(COVERAGE_CSV_COLUMNS, row, strict=True)) for row in coverage_csv_rows(result)])


@extend_schema(summary="En kommunes fremskrivning", parameters=[CODE_PATH], responses=OpenApiTypes.OBJECT,
               description="Fremskrivningen som projection.csv giver den (det centrale scenarie eller scenariet i "
                           "forespørgslen), med befolkningsfremskrivningen bag; 404 der siger, hvilken import der "
                           "mangler.")
@api_view(["GET"])
def projection(request: Request, code: int) -> Response:
    """The workforce projection as projection.csv gives it (the central scenario, or the scenario the query
    string sets as on the page), with the population projection it uses; 404 saying which import is missing."""
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    page = projection_pages.municipality_projection(municipality, request.query_params)
    if page.projection is None:
        raise NotFound(page.missing)
    # `synthetic`: the statistics or the population projection are the demo's synthetic data, not real figures.
    return Response({"vintage": page.inputs.vintage, "variant": page.inputs.variant,
                     "base_year": page.projection.rows[0].year, "synthetic": page.synthetic,
                     "hires_rule": str(page.projection.resolved.hires_rule),
                     "rows": [dict(zip(projection_pages.CSV_COLUMNS, row, strict=True))
                              for row in projection_pages.csv_rows(page)]})


@extend_schema(summary="Indsatserne", description="Kommunernes indsatser, som indsatslisterne viser dem for alle "
                                                 "indloggede; year: aktive i året.",
               parameters=[MUNICIPALITY, REGION, YEAR, OpenApiParameter("status", OpenApiTypes.STR,
                                                                        enum=Intervention.Status.values,
                                                                        description="Kun denne status.")])
class InterventionList(generics.ListAPIView):
    """Interventions as the intervention lists show them to every signed-in user; `year`: active that year."""

    serializer_class = serializers.InterventionSerializer

    def get_queryset(self):
        interventions = (Intervention.objects.select_related("municipality", "intervention_type")
                         .prefetch_related("target_groups", "partner_municipalities")
                         .order_by("municipality__code", "pk"))
        filters = query_numbers(self.request, "municipality", "region", "year")
        if (code := filters["municipality"]) is not None:
            interventions = interventions.filter(municipality__code=code)
        if (region := filters["region"]) is not None:
            interventions = interventions.filter(municipality__region__code=region)
        if (year := filters["year"]) is not None:
            interventions = interventions.ran_in_year(year)
        if status := self.request.query_params.get("status"):
            if status not in Intervention.Status.values:
                raise ValidationError({"status": [_("Ukendt status “%(value)s”; vælg en af: %(choices)s.") % {
                    "value": status[:40], "choices": ", ".join(Intervention.Status.values)}]})
            interventions = interventions.filter(status=status)
        return interventions


def _share(share: Share) -> dict:
    return {"pct": None if share.percent is None else float(share.percent), "n": share.n,
            "suppressed": share.suppressed, "left_out": share.left_out}


@extend_schema(summary="En kommunes praktikevalueringer", parameters=[CODE_PATH, YEAR],
               responses=serializers.PracticumShareSerializer(many=True),
               description="Pædagogstuderendes positive andel pr. udsagn og år ved siden af regionen og landet; en "
                           "andel af under 5 svar er null.")
@api_view(["GET"])
def practicum(request: Request, code: int) -> Response:
    """Pedagogue students' positive shares per question and year, beside the region and the country, as the
    dashboard charts them; a share of fewer than 5 answers is null."""
    municipality = get_object_or_404(Municipality.objects.select_related("region"), code=code)
    year = query_numbers(request, "year")["year"]
    rows = [
        {"question": question.value, "question_text": str(question.label), "year": item.year,
         "education": Education.PAEDAGOG.value, "role": PracticumRole.STUDENT.value,
         "municipality": _share(item.municipality), "region": _share(item.region), "country": _share(item.everyone)}
        for question in PracticumQuestion for item in question_series(municipality, question.value)
        if year is None or item.year == year
    ]
    return Response(serializers.PracticumShareSerializer(rows, many=True).data)


@extend_schema(summary="En kommunes praktikvejlederes uddannelse", parameters=[CODE_PATH, YEAR],
               responses=serializers.TrainingSerializer(many=True),
               description="Praktikvejledernes uddannelse i vejledning pr. år; en andel af under 5 svar er null.")
@api_view(["GET"])
def supervisor_training(request: Request, code: int) -> Response:
    """Pedagogue supervisors' training in supervision per year, as the dashboard charts it (one supervisor may
    name both a formal education and an internal course); a share of fewer than 5 answers is null."""
    municipality = get_object_or_404(Municipality, code=code)
    year = query_numbers(request, "year")["year"]
    rows = [{"year": item.year, "education": Education.PAEDAGOG.value, "formal": _share(item.formal),
             "internal_course": _share(item.internal_course), "no_training": _share(item.no_training)}
            for item in training_shares(municipality) if year is None or item.year == year]
    return Response(serializers.TrainingSerializer(rows, many=True).data)


@extend_schema(summary="Personalestatistikken", parameters=[MUNICIPALITY, REGION, YEAR],
               description="De importerede personaletal pr. kommune og år; null er ukendt.")
class WorkforceList(generics.ListAPIView):
    """The imported workforce figures per municipality and year; null is unknown."""

    serializer_class = serializers.WorkforceSerializer

    def get_queryset(self):
        stats = WorkforceStat.objects.select_related("municipality").order_by("municipality__code", "year")
        filters = query_numbers(self.request, "municipality", "region", "year")
        if (code := filters["municipality"]) is not None:
            stats = stats.filter(municipality__code=code)
        if (region := filters["region"]) is not None:
            stats = stats.filter(municipality__region__code=region)
        if (year := filters["year"]) is not None:
            stats = stats.filter(year=year)
        return stats


schema = SpectacularJSONAPIView.as_view()


@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    """The API's documentation page, drawn from the same schema as openapi.json (no script, so the CSP holds)."""
    spec = SchemaGenerator().get_schema(request=None, public=True)
    operations = [
        {"method": method.upper(), "path": path, "summary": operation.get("summary", ""),
         "description": operation.get("description", ""), "parameters": operation.get("parameters", [])}
        for path, methods in spec["paths"].items() for method, operation in methods.items()
    ]
    ctx = {"spec": spec, "operations": operations, "schema_url": reverse("api:schema"),
           "profile_url": reverse("api:profile")}
    return render(request, "api/docs.html", ctx)
