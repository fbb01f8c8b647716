from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Kommuner og målgrupper"

    def ready(self) -> None:
        from . import admin_site, checks, sso  # noqa: F401 (checks: registers the deployment checks)
        from .data_version import bump_on_change
        from .models import Municipality, Pathway, Region, TargetGroup

        # Coverage, region averages and the catalogue's order come from these (recruitment.data_version).
        bump_on_change(Region, Municipality, Pathway, TargetGroup)
        sso.connect_signals()
        admin_site.configure()
