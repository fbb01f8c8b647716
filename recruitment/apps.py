from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Kommuner og målgrupper"

    def ready(self) -> None:
        from . import sso

        sso.connect_signals()
