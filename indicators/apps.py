from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indikatorer og benchmarks"

    def ready(self) -> None:
        from recruitment.data_version import bump_on_change

        from .models import (
            Benchmark,
            BenchmarkSource,
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

        # The catalogue, the dashboards and the projection panel cached by the data version show these
        # (recruitment.data_version); targets are drawn on the dashboards' charts. The imported rows are written
        # in bulk by the imports, which bump once themselves, but the admin (or a shell) may change or delete
        # some, and the pages must show that too.
        bump_on_change(Benchmark, BenchmarkSource, KeyFact, ProjectionAssumption, Grouping, MunicipalityGroup,
                       GroupMembership, Target, PracticumEvaluationCount, SupervisorTrainingCount, WorkforceStat,
                       InterventionSurveyAnswer, PopulationProjection)
