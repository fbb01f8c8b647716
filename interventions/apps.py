from django.apps import AppConfig


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = "Indsatser"

    def ready(self) -> None:
        from recruitment.data_version import bump_on_change, bump_on_owned_change

        from .models import InspirationCase, Intervention, InterventionType, KnowledgeContact, NoneRunConfirmation

        # Coverage and the dashboards are computed from these and cached by the data version.
        # The contacts show on the regional page, rendered once per data version.
        bump_on_change(InterventionType, InspirationCase, NoneRunConfirmation, KnowledgeContact)
        bump_on_owned_change(Intervention, Intervention.LOCAL_FIELDS)
