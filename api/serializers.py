"""The shapes the API answers with; drf-spectacular documents them in /api/v1/openapi.json."""

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
