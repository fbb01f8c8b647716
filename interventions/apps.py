from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = "Indsatser"

    def ready(self) -> None:
        from recruitment.data_version import bump_on_change

        from .models import Intervention, InterventionType

        # Coverage is computed from these (and their target groups), so it is cached by the data version.
        bump_on_change(Intervention, InterventionType)
