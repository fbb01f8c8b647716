from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = "Indsatser"

    def ready(self) -> None:
        from recruitment.data_version import bump_on_change

        from .models import InspirationCase, Intervention, InterventionType, NoneRunConfirmation

        # Coverage and the dashboards are computed from these and cached by the data version.
        bump_on_change(Intervention, InterventionType, InspirationCase, NoneRunConfirmation)
