from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indikatorer og benchmarks"

    def ready(self) -> None:
        from recruitment.data_version import bump_on_change

        from .models import Benchmark, BenchmarkSource, KeyFact

        # The catalogue and the dashboards cached by the data version show these (recruitment.data_version).
        bump_on_change(Benchmark, BenchmarkSource, KeyFact)
