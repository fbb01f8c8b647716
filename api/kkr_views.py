"""The endpoints for a secretariat's own tools: every municipality's coverage in one call, a region's table, a
municipality's targets (the numbers from api/collections.py, which takes them from the pages' code)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.filters import PageFilters

from . import collections, kkr_serializers
from .pagination import Pagination
from .views import PLANNED, REGION, YEAR, query_numbers

SLUG = OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH,
                        description="Regionens adresse: hovedstaden, midtjylland, nordjylland, sjaelland eller "
                                    "syddanmark.")
CODE = OpenApiParameter("code", OpenApiTypes.INT, OpenApiParameter.PATH, description="Kommunekoden, fx 165.")


@extend_schema(summary="Alle kommuners dækning", parameters=[REGION, YEAR, PLANNED],
               description="Hver kommunes dækning af de tre veje i ét kald, sideopdelt (page, page_size), med "
                           "nøjagtig de samme nøgler som /api/v1/municipalities/<kode>/coverage/. year: dækningen i "
                           "et tidligere år efter reglen for dækning over tid.",
               responses=kkr_serializers.MunicipalityCoverageSerializer(many=True))
@api_view(["GET"])
def coverage_all(request: Request) -> Response:
    numbers = query_numbers(request, "year", "region")
    rows = collections.all_coverage(PageFilters(request.query_params).include_planned, numbers["year"],
                                    numbers["region"])
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request)
    return paginator.get_paginated_response(kkr_serializers.MunicipalityCoverageSerializer(page, many=True).data)


@extend_schema(summary="En regions kommuner side om side", parameters=[SLUG],
               description="Tabellen fra regionens side (/regions/<slug>/): hvor komplet billedet er, én række pr. "
                           "kommune med dækning, fremskrevet forskel, mål og praktik, og regionens og landets "
                           "gennemsnit.",
               responses=kkr_serializers.RegionTableSerializer)
@api_view(["GET"])
def region_detail(request: Request, slug: str) -> Response:
    return Response(kkr_serializers.RegionTableSerializer(collections.region_table(slug)).data)


@extend_schema(summary="En kommunes mål", parameters=[CODE],
               description="Kommunens egne mål med status efter Open SDG's regel og målingerne år for år, som på "
                           "kommunens målside.",
               responses=kkr_serializers.TargetSerializer(many=True))
@api_view(["GET"])
def targets(request: Request, code: int) -> Response:
    return Response(kkr_serializers.TargetSerializer(collections.targets_of(code), many=True).data)
