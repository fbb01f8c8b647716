"""Every model the cached pages read bumps the data version when a row is saved or deleted, one at a time or
many at once (the admin's "delete selected"), so the next request shows the change instead of a page cached
for up to an hour (recruitment.data_version)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models

from indicators.models import (
    Benchmark,
    BenchmarkSource,
    DataImport,
    Grouping,
    GroupMembership,
    InterventionSurveyAnswer,
    KeyFact,
    MunicipalityGroup,
    PopulationProjection,
    PracticumEvaluationCount,
    ProjectionAssumption,
    SupervisorTrainingCount,
    Target,
    WorkforceStat,
)
from interventions.models import (
    InspirationCase,
    Intervention,
    InterventionType,
    KnowledgeContact,
    NoneRunConfirmation,
)
from recruitment import data_version
from recruitment.models import Municipality, Pathway, Region, TargetGroup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def _albertslund() -> Municipality:
    return Municipality.objects.get(code=165)


def _import() -> DataImport:
    return DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="personale.xlsx", sha256="0" * 64,
                                     size_bytes=10, status=DataImport.Status.SUCCEEDED)


def _group() -> MunicipalityGroup:
    return MunicipalityGroup.objects.create(grouping=Grouping.objects.create(name="Test", slug="test"), name="A")


def _intervention_type() -> InterventionType:
    return InterventionType.objects.order_by("pk").first()


# A new, valid row of each model that the cached pages (dashboards, pathway pages, compare, the projection's
# sums, the intervention list, coverage over time, the home page) read.
NEW_ROW: dict[type[models.Model], Callable[[], models.Model]] = {
    Region: lambda: Region(code=9999, name="Region Test"),
    Municipality: lambda: Municipality(code=999, name="Testby", region=Region.objects.first()),
    Pathway: lambda: Pathway(slug="test-pathway", name="Test"),
    TargetGroup: lambda: TargetGroup(slug="test-group", name="Test", pathway=Pathway.objects.first()),
    InterventionType: lambda: InterventionType(slug="test-type", label="Test",
                                               target_group=TargetGroup.objects.first()),
    Intervention: lambda: Intervention(municipality=_albertslund(), title="Test", status="running"),
    InspirationCase: lambda: InspirationCase(municipality=_albertslund(), title="Test", description="x", source="x",
                                             target_group=TargetGroup.objects.first()),
    NoneRunConfirmation: lambda: NoneRunConfirmation(municipality=_albertslund(), confirmed_on=date(2025, 1, 1)),
    KnowledgeContact: lambda: KnowledgeContact(municipality=_albertslund(), name="Test", email="test@example.dk",
                                               role="Test"),
    BenchmarkSource: lambda: BenchmarkSource(name="Test", publisher="Test"),
    Benchmark: lambda: Benchmark(source=BenchmarkSource.objects.first(), intervention_type=_intervention_type(),
                                 share_pct=Decimal("10"), confidence=Benchmark.Confidence.HIGH),
    KeyFact: lambda: KeyFact(slug="test-fact", value=Decimal("1"), unit=KeyFact.Unit.COUNT, label="Test"),
    ProjectionAssumption: lambda: ProjectionAssumption(slug="test-assumption", value=1, minimum=0, maximum=2,
                                                       label="Test"),
    Grouping: lambda: Grouping(name="Test", slug="test"),
    MunicipalityGroup: lambda: MunicipalityGroup(grouping=Grouping.objects.create(name="Test", slug="test"),
                                                 name="A"),
    GroupMembership: lambda: (lambda group: GroupMembership(grouping=group.grouping, group=group,
                                                            municipality=_albertslund()))(_group()),
    Target: lambda: Target(municipality=_albertslund(), indicator=Target.Indicator.COVERAGE_INTERNSHIP,
                           baseline_value=20, baseline_year=2024, target_value=50, target_year=2027, source="Test"),
    PracticumEvaluationCount: lambda: PracticumEvaluationCount(
        year=2024, municipality=_albertslund(), education="paedagog", role="studerende", question="vende_tilbage",
        helt_enig=5, data_import=_import()),
    SupervisorTrainingCount: lambda: SupervisorTrainingCount(year=2024, municipality=_albertslund(),
                                                             education="paedagog", answered=5, data_import=_import()),
    WorkforceStat: lambda: WorkforceStat(year=2024, municipality=_albertslund(), paedagoger=100,
                                         data_import=_import()),
    InterventionSurveyAnswer: lambda: InterventionSurveyAnswer(year=2024, municipality=_albertslund(),
                                                               intervention_type=_intervention_type(), runs=True,
                                                               data_import=_import()),
    PopulationProjection: lambda: PopulationProjection(vintage="DST 2025", year=2030, municipality=_albertslund(),
                                                       children_0_2=300, children_3_5=600, data_import=_import()),
}
# What the cached pages do not read, and why.
NOT_READ = {
    "recruitment.Membership": "who may edit is in the cache key (can_edit), not in the cached value",
    "recruitment.SsoGroupMapping": "single sign-on's settings",
    "recruitment.DataVersion": "the version itself",
    "recruitment.MunicipalityDataVersion": "the version itself",
    "interventions.HistoricalIntervention": "written by the intervention's own save, which bumps",
    "interventions.HistoricalIntervention_target_groups": "written by the intervention's own save, which bumps",
    "interventions.HistoricalNoneRunConfirmation": "written by the confirmation's own save, which bumps",
    "interventions.HistoricalKnowledgeContact": "written by the contact's own save, which bumps",
    "indicators.HistoricalTarget": "written by the target's own save, which bumps",
    "indicators.ImportUpload": "the uploaded file, read by the import alone",
    "indicators.DataImport": "named as the source of the rows it wrote: only an import writes it, in the "
                             "transaction that writes (and bumps for) its rows, and rows protect it from deletion",
    "indicators.ComparisonPreference": "the user's choice is read per request and is in the compare page's key",
    "api.ApiToken": "the API's tokens",
}


def test_every_model_is_either_bumping_or_not_read_by_the_pages():
    ours = {model._meta.label for name in ("recruitment", "interventions", "indicators", "api")
            for model in apps.get_app_config(name).get_models()}
    assert ours == {model._meta.label for model in NEW_ROW} | set(NOT_READ)


def _version() -> str:
    """What Albertslund's pages are keyed by: the national token and its own (a change of an intervention's
    title bumps only the latter)."""
    return data_version.for_municipality(_albertslund().pk)


def _saved(model: type[models.Model]) -> models.Model:
    row = NEW_ROW[model]()
    row.save()
    return row


@pytest.mark.parametrize("model", NEW_ROW, ids=lambda model: model.__name__)
def test_a_new_row_bumps_the_version(model):
    before = _version()
    _saved(model)
    assert _version() != before


# What may happen to a stored row; "delete selected" is what the admin's bulk delete does (a queryset's delete).
WRITES: dict[str, Callable[[models.Model], object]] = {
    "save": lambda row: row.save(),
    "delete": lambda row: row.delete(),
    "delete selected": lambda row: type(row).objects.filter(pk=row.pk).delete(),
}


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("model", NEW_ROW, ids=lambda model: model.__name__)
def test_a_write_of_a_stored_row_bumps_the_version(model, write):
    row = _saved(model)
    before = _version()
    WRITES[write](row)
    assert _version() != before


def test_rows_deleted_together_bump_the_version_once(django_assert_num_queries):
    """Deleting many rows at once costs one write of the version, not one per row."""
    stats = [WorkforceStat(year=year, municipality=_albertslund(), paedagoger=100, data_import=_import())
             for year in range(2000, 2010)]
    WorkforceStat.objects.bulk_create(stats)
    with django_assert_num_queries(3):  # select the rows, delete them, bump
        WorkforceStat.objects.filter(year__lt=2010).delete()


def test_deleting_a_municipalitys_projection_shows_on_the_national_sum(client, admin_user):
    """Albertslund's children projected, then deleted in the admin: /projection/ counts it, then no longer."""
    albertslund = _albertslund()
    data_import = _import()
    WorkforceStat.objects.create(year=2025, municipality=albertslund, paedagoger=100, data_import=data_import)
    PopulationProjection.objects.bulk_create([PopulationProjection(
        vintage="DST 2025", year=year, municipality=albertslund, children_0_2=300, children_3_5=600,
        data_import=data_import) for year in range(2025, 2036)])
    data_version.bump()  # what the import does after its bulk insert
    client.force_login(admin_user)
    with_projection = client.get("/projection/").content.decode()
    assert "1 af 98 kommuner" in with_projection
    ids = list(PopulationProjection.objects.filter(municipality=albertslund).values_list("pk", flat=True))
    response = client.post("/admin/indicators/populationprojection/", {
        "action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert response.status_code == 302 and not PopulationProjection.objects.exists()
    assert "0 af 98 kommuner" in client.get("/projection/").content.decode()
