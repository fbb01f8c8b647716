from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Indikatorer og benchmarks"

    def ready(self) -> None:
        from recruitment.data_version import bump_on_change

        from .models import Benchmark, BenchmarkSource

        # The catalogue cached with the coverage carries the benchmarks (recruitment.data_version).
        bump_on_change(Benchmark, BenchmarkSource)
