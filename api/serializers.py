"""The shapes the API answers with; drf-spectacular documents them in /api/v1/openapi.json."""

from __future__ import annotations

from rest_framework import serializers

from indicators.dashboards.municipality import COVERAGE_CSV_COLUMNS
from indicators.models import WorkforceStat
from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, Pathway, Region, TargetGroup


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class MunicipalitySerializer(serializers.ModelSerializer):
    region = serializers.IntegerField(source="region.code", help_text="The region's code.")

    class Meta:
        model = Municipality
        fields = ["code", "name", "region"]


class TargetGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["slug", "name", "description"]


class PathwaySerializer(serializers.ModelSerializer):
    target_groups = TargetGroupSerializer(many=True)

    class Meta:
        model = Pathway
        fields = ["slug", "name", "target_groups"]


class BenchmarkSerializer(serializers.Serializer):
    share_pct = serializers.FloatField(allow_null=True, help_text="Share of municipalities running the type (%).")
    confidence = serializers.CharField(help_text="high, inferred, provisional (foreløbig) or none (no share).")
    note = serializers.CharField()
    # A field named like an attribute of DRF's Field: its metaclass takes declared fields off the class, which the
    # stubs cannot see.
    source = serializers.CharField(help_text="Source name.")  # type: ignore[assignment]
    source_publisher = serializers.CharField()
    source_year = serializers.IntegerField()


class CatalogueTypeSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # as `source` above
    pathway = serializers.CharField(help_text="Pathway slug.")
    target_group = serializers.CharField(help_text="Target group slug.")
    benchmark = BenchmarkSerializer(allow_null=True)


# Exactly coverage.csv's columns, as numbers (see the README's contract).
CoverageRowSerializer = type("CoverageRowSerializer", (serializers.Serializer,), {
    name: serializers.CharField() if name == "pathway" else
    serializers.FloatField(allow_null=True) if name.endswith(("_pct", "_pts")) else serializers.IntegerField()
    for name in COVERAGE_CSV_COLUMNS
})


class InterventionSerializer(serializers.ModelSerializer):
    municipality = serializers.IntegerField(source="municipality.code")
    intervention_type: serializers.SlugRelatedField[InterventionType] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True)
    target_groups: serializers.SlugRelatedField[TargetGroup] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Intervention
        fields = ["id", "municipality", "title", "intervention_type", "target_groups", "status", "start_date",
                  "end_date", "partners", "participants_planned", "participants_actual", "budget_dkk", "description",
                  "results", "updated_at"]


class ShareSerializer(serializers.Serializer):
    pct = serializers.FloatField(
        allow_null=True, help_text="The share in percent; null when fewer than 5 answered (never shown).")
    n = serializers.IntegerField(help_text="Answers the share is built on (practicum: \"ved ikke\" left out).")
    suppressed = serializers.BooleanField()
    left_out = serializers.IntegerField(
        help_text="Region and country: municipalities left out because their own share is suppressed, so that "
                  "no suppressed share can be computed from the aggregate (0 for a municipality).")


class PracticumShareSerializer(serializers.Serializer):
    question = serializers.CharField()
    question_text = serializers.CharField()
    year = serializers.IntegerField()
    education = serializers.CharField()
    role = serializers.CharField()
    municipality = ShareSerializer()
    region = ShareSerializer()
    country = ShareSerializer()


class TrainingSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    education = serializers.CharField()
    formal = ShareSerializer(help_text="Share with a formal education in supervision.")
    internal_course = ShareSerializer(help_text="Share with an internal course.")
    no_training = ShareSerializer(help_text="Share with no training in supervision.")


class WorkforceSerializer(serializers.ModelSerializer):
    municipality = serializers.IntegerField(source="municipality.code")

    class Meta:
        model = WorkforceStat
        fields = ["municipality", "year", *WorkforceStat.FIGURES]
