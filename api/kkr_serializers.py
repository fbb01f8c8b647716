"""The shapes the KKR endpoints (kkr_views.py) answer with: every municipality's coverage, a region's table and a
municipality's targets; drf-spectacular documents them in /api/v1/openapi.json."""

from __future__ import annotations

from rest_framework import serializers

from .serializers import CoverageRowSerializer


class MunicipalityCoverageSerializer(serializers.Serializer):
    municipality = serializers.IntegerField(help_text="Kommunekoden, fx 165 for Albertslund.")
    name = serializers.CharField(help_text="Kommunens navn.")
    region = serializers.IntegerField(help_text="Regionens kode, fx 1084 for Region Hovedstaden.")
    pathways = CoverageRowSerializer(many=True, help_text="Én række pr. vej med nøjagtig de samme nøgler som "
                                                          "/api/v1/municipalities/<kode>/coverage/.")


class RegionPathwaySerializer(serializers.Serializer):
    pathway = serializers.CharField(help_text="Vejens nøgle (slug).")
    running_types = serializers.IntegerField(allow_null=True, help_text="Vejens indsatstyper med et EVA-tal, som "
                                             "kommunen har i gang; null for en gennemsnitsrække eller en kommune, "
                                             "der ikke har indberettet.")
    catalogue_types = serializers.IntegerField(help_text="Vejens indsatstyper med et EVA-tal.")
    coverage_pct = serializers.FloatField(allow_null=True, help_text="Dækning i procent (én decimal); for "
                                          "gennemsnitsrækkerne gennemsnittet over kommuner, der har indberettet.")


class GapSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="Året.")
    fte = serializers.FloatField(allow_null=True, help_text="Udbud minus behov af pædagoger i årsværk i det centrale "
                                 "scenarie; negativ: så mange mangler. null: ingen fremskrivning.")


class RegionRowSerializer(serializers.Serializer):
    municipality = serializers.IntegerField(allow_null=True, help_text="Kommunekoden; null for gennemsnitsrækkerne.")
    name = serializers.CharField(help_text="Kommunens navn eller gennemsnitsrækkens.")
    reports = serializers.BooleanField(help_text="Om kommunen har indberettet (mindst én registreret indsats eller "
                                       "bekræftet, at den ingen af katalogets typer har).")
    pathways = RegionPathwaySerializer(many=True, help_text="Dækningen af hver vej.")
    gaps = GapSerializer(many=True, help_text="Den fremskrevne forskel i 2030 og 2035.")
    targets = serializers.DictField(child=serializers.IntegerField(), help_text="Antal af kommunens mål med hver "
                                    "status (on-track, accelerate, far, wrong-way, too-few-data).")
    practicum_return_pct = serializers.FloatField(allow_null=True, help_text="Andelen af pædagogstuderende, der gerne "
                                                  "vil vende tilbage i fremtidig ansættelse, seneste år; null under 5 "
                                                  "svar eller uden import.")
    practicum_n = serializers.IntegerField(allow_null=True, help_text="Svar bag praktikandelen.")


class CompletenessSerializer(serializers.Serializer):
    municipalities = serializers.IntegerField(help_text="Regionens kommuner.")
    reporting = serializers.IntegerField(help_text="Kommuner, der har indberettet.")
    confirmed_none = serializers.IntegerField(help_text="Kommuner, der har bekræftet, at de ingen indsatser har.")
    with_workforce = serializers.IntegerField(help_text="Kommuner med personalestatistik (importeret).")
    with_projection = serializers.IntegerField(help_text="Kommuner med befolkningsfremskrivning (importeret).")


class RegionTableSerializer(serializers.Serializer):
    region = serializers.IntegerField(help_text="Regionens kode.")
    slug = serializers.CharField(help_text="Regionens adresse, fx hovedstaden.")
    name = serializers.CharField(help_text="KKR's navn, fx KKR Hovedstaden.")
    vintage = serializers.CharField(help_text="Befolkningsfremskrivningen bag forskellene, fx DST 2025.")
    completeness = CompletenessSerializer(help_text="Hvor komplet billedet er.")
    municipalities = RegionRowSerializer(many=True, help_text="Én række pr. kommune, som på regionens side.")
    region_average = RegionRowSerializer(help_text="Regionens gennemsnit.")
    country_average = RegionRowSerializer(help_text="Hele landets gennemsnit.")


class ObservedSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="Året.")
    value = serializers.FloatField(help_text="Den målte værdi.")


class TargetSerializer(serializers.Serializer):
    indicator = serializers.CharField(help_text="Hvad der måles (nøgle).")
    label = serializers.CharField(help_text="Hvad der måles, i ord.")  # type: ignore[assignment]  # as in BenchmarkSerializer
    baseline_year = serializers.IntegerField(help_text="Udgangsår.")
    baseline_value = serializers.FloatField(help_text="Udgangsværdi.")
    target_year = serializers.IntegerField(help_text="Målår.")
    target_value = serializers.FloatField(help_text="Målværdi.")
    direction = serializers.CharField(help_text="higher: højere er bedre; lower: lavere er bedre.")
    source = serializers.CharField(help_text="Hvor målet er besluttet.")  # type: ignore[assignment]  # as above
    status = serializers.CharField(help_text="Status efter Open SDG's regel: on-track, accelerate, far, wrong-way "
                                   "eller too-few-data.")
    status_text = serializers.CharField(help_text="Status i ord, fx “på vej”.")
    latest_year = serializers.IntegerField(allow_null=True, help_text="Seneste år med en måling efter udgangsåret.")
    latest_value = serializers.FloatField(allow_null=True, help_text="Den seneste måling.")
    observed = ObservedSerializer(many=True, help_text="Målingerne år for år.")
