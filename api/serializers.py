"""The shapes the API answers with; drf-spectacular documents them in /api/v1/openapi.json. The KKR endpoints'
(kkr_views.py) have theirs in kkr_serializers.py."""

from __future__ import annotations

from rest_framework import serializers

from indicators.dashboards.municipality import COVERAGE_CSV_COLUMNS
from indicators.models import WorkforceStat
from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, Pathway, Region, TargetGroup


def _described(model, name: str) -> str:
    """A model field's Danish name as its description: "Startdato."."""
    return f"{str(model._meta.get_field(name).verbose_name).capitalize()}."


class RegionSerializer(serializers.ModelSerializer):
    code = serializers.IntegerField(help_text="Regionens kode, fx 1084.")
    name = serializers.CharField(help_text="Regionens navn.")
    slug = serializers.CharField(read_only=True,
                                 help_text="Regionens adresse, fx hovedstaden (/api/v1/regions/<slug>/).")

    class Meta:
        model = Region
        fields = ["code", "name", "slug"]


class MunicipalitySerializer(serializers.ModelSerializer):
    code = serializers.IntegerField(help_text="Kommunekoden, fx 165.")
    name = serializers.CharField(help_text="Kommunens navn.")
    region = serializers.IntegerField(source="region.code", help_text="Regionens kode.")

    class Meta:
        model = Municipality
        fields = ["code", "name", "region"]


class TargetGroupSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(help_text="Målgruppens nøgle.")
    name = serializers.CharField(help_text="Målgruppens navn.")
    description = serializers.CharField(help_text="Hvem målgruppen er.")

    class Meta:
        model = TargetGroup
        fields = ["slug", "name", "description"]


class PathwaySerializer(serializers.ModelSerializer):
    slug = serializers.CharField(help_text="Vejens nøgle.")
    name = serializers.CharField(help_text="Vejens navn.")
    target_groups = TargetGroupSerializer(many=True, help_text="Vejens målgrupper.")

    class Meta:
        model = Pathway
        fields = ["slug", "name", "target_groups"]


class SourceRecordSerializer(serializers.Serializer):
    slug = serializers.CharField(allow_null=True, help_text="Kildens nøgle i kildelisten.")
    name = serializers.CharField(help_text="Kildens titel.")
    publisher = serializers.CharField(help_text="Kildens udgiver.")
    year = serializers.IntegerField(allow_null=True, help_text="Udgivelsesår.")
    url = serializers.CharField(help_text="Kildens adresse (tom når den ikke er online).")


class BenchmarkSerializer(serializers.Serializer):
    share_pct = serializers.FloatField(allow_null=True, help_text="Andelen af kommunerne, der har indsatstypen (%).")
    confidence = serializers.CharField(help_text="high, inferred (udledt), provisional (foreløbig) eller none (intet "
                                       "tal).")
    certainty = serializers.CharField(help_text="Sikkerheden i ord, som siderne skriver den (tom: sikker).")
    note = serializers.CharField(help_text="Hvorfor tallet er usikkert, på dansk.")
    # A field named like an attribute of DRF's Field: its metaclass takes declared fields off the class, which the
    # stubs cannot see.
    source = serializers.CharField(help_text="Kildens titel.")  # type: ignore[assignment]
    source_publisher = serializers.CharField(help_text="Kildens udgiver.")
    source_year = serializers.IntegerField(allow_null=True, help_text="Kildens udgivelsesår.")
    source_record = SourceRecordSerializer(help_text="Kilden som post: nøgle, titel, udgiver, år og adresse.")
    quote = serializers.CharField(help_text="Citatet fra kilden, som tallet bygger på.")
    quote_location = serializers.CharField(help_text="Hvor i kilden citatet står.")


class CatalogueTypeSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Indsatstypens nøgle.")
    label = serializers.CharField(help_text="Indsatstypens betegnelse.")  # type: ignore[assignment]  # as `source`
    pathway = serializers.CharField(help_text="Vejens nøgle.")
    target_group = serializers.CharField(help_text="Målgruppens nøgle.")
    eva_recommends = serializers.BooleanField(help_text="Om EVA's inspirationshæfte anbefaler indsatstypen.")
    recommendation_quote = serializers.CharField(help_text="EVA's anbefaling med hæftets ord (tom uden anbefaling).")
    benchmark = BenchmarkSerializer(allow_null=True, help_text="EVA-tallet, der gælder for typen; null uden tal.")


# Exactly coverage.csv's columns, as numbers (see the README's contract), described in Danish.
COVERAGE_FIELDS = {
    "pathway": "Vejens nøgle.",
    "catalogue_types": "Vejens indsatstyper med et EVA-tal.",
    "running_types": "Heraf typer, kommunen har i gang (planlagte tæller aldrig her); for et tidligere år typer, der "
                     "kørte i året; null: kommunen havde ikke indberettet.",
    "catalogue_coverage_pct": "Dækning i procent: typer i gang (med planlagte, når planned=1) af vejens typer.",
    "eva_expected_pct": "Gennemsnittet af EVA's andele for vejens typer: hvad gennemsnitskommunen har.",
    "difference_pts": "Dækning minus EVA's forventede dækning i procentpoint.",
    "target_groups_total": "Vejens målgrupper.",
    "target_groups_reached": "Målgrupper, mindst én aktiv indsats når; null for et tidligere år (gemmes ikke år "
                             "for år).",
    "region_average_pct": "Regionens gennemsnitlige dækning over de kommuner, der har indberettet; null: ingen.",
    "region_reporting": "Regionens kommuner, der har indberettet.",
    "region_total": "Regionens kommuner.",
}
CoverageRowSerializer = type("CoverageRowSerializer", (serializers.Serializer,), {
    name: serializers.CharField(help_text=COVERAGE_FIELDS[name]) if name == "pathway" else
    serializers.FloatField(allow_null=True, help_text=COVERAGE_FIELDS[name]) if name.endswith(("_pct", "_pts"))
    else serializers.IntegerField(allow_null=name in ("running_types", "target_groups_reached"),
                                  help_text=COVERAGE_FIELDS[name])
    for name in COVERAGE_CSV_COLUMNS
})


class InterventionSerializer(serializers.ModelSerializer):
    municipality = serializers.IntegerField(source="municipality.code", help_text="Kommunekoden.")
    intervention_type: serializers.SlugRelatedField[InterventionType] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True,
        help_text="Indsatstypens nøgle; null for en anden indsats end katalogets.")
    target_groups: serializers.SlugRelatedField[TargetGroup] = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True, help_text="Målgruppernes nøgler.")
    partner_municipalities: serializers.SlugRelatedField[Municipality] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True,
        help_text="Partnerkommunernes koder: kommuner, der driver indsatsen sammen med ejerkommunen; den tæller med i "
                  "deres dækning.")

    class Meta:
        model = Intervention
        fields = ["id", "municipality", "title", "intervention_type", "target_groups", "partner_municipalities",
                  "status", "start_date", "end_date", "partners", "participants_planned", "participants_actual",
                  "budget_dkk", "description", "results", "updated_at"]
        # The model's Danish names describe the fields in the schema.
        extra_kwargs = {"id": {"help_text": "Indsatsens nummer (/interventions/<id>/)."},
                        **{name: {"help_text": _described(Intervention, name)} for name in fields[2:]
                           if name not in ("intervention_type", "target_groups")}}


class ShareSerializer(serializers.Serializer):
    pct = serializers.FloatField(
        allow_null=True, help_text="Andelen i procent; null når under 5 har svaret (vises aldrig).")
    n = serializers.IntegerField(help_text="Svar bag andelen (praktik: “ved ikke” er ikke talt med).")
    suppressed = serializers.BooleanField(help_text="Om andelen er skjult (under 5 svar).")
    left_out = serializers.IntegerField(
        help_text="Region og land: kommuner, der er udeladt, fordi deres egen andel er skjult, så ingen skjult andel "
                  "kan regnes ud af summen (0 for en kommune).")


class PracticumShareSerializer(serializers.Serializer):
    question = serializers.CharField(help_text="Udsagnets nøgle.")
    question_text = serializers.CharField(help_text="Udsagnet, som de studerende så det.")
    year = serializers.IntegerField(help_text="Året.")
    education = serializers.CharField(help_text="Uddannelsen.")
    role = serializers.CharField(help_text="Hvem der svarede (studerende).")
    municipality = ShareSerializer(help_text="Kommunens andel, der er helt eller delvist enig.")
    region = ShareSerializer(help_text="Regionens andel.")
    country = ShareSerializer(help_text="Hele landets andel.")


class TrainingSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="Året.")
    education = serializers.CharField(help_text="Uddannelsen.")
    formal = ShareSerializer(help_text="Andelen med en formel uddannelse i vejledning.")
    internal_course = ShareSerializer(help_text="Andelen med et internt kursus.")
    no_training = ShareSerializer(help_text="Andelen uden uddannelse i vejledning.")


class WorkforceSerializer(serializers.ModelSerializer):
    municipality = serializers.IntegerField(source="municipality.code", help_text="Kommunekoden.")

    class Meta:
        model = WorkforceStat
        fields = ["municipality", "year", *WorkforceStat.FIGURES]
        extra_kwargs = {name: {"help_text": _described(WorkforceStat, name)} for name in fields[1:]}
