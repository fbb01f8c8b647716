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
            KeyFact,
            MunicipalityGroup,
            ProjectionAssumption,
            Target,
        )

        # The catalogue, the dashboards and the projection panel cached by the data version show these
        # (recruitment.data_version); targets are drawn on the dashboards' charts.
        bump_on_change(Benchmark, BenchmarkSource, KeyFact, ProjectionAssumption, Grouping, MunicipalityGroup,
                       GroupMembership, Target)
