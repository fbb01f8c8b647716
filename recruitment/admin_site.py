"""The Django admin in Danish: the site's own header and title, Danish names for the third-party apps it lists,
the background tasks' columns in Danish, and no "Sociale applikationer" – single sign-on's identity providers
come from the environment only (settings: OIDC_PROVIDERS), so an app added in the admin would be one nobody reads.

The third-party apps' model and field names are translated in recruitment/locale (their own packages have no
Danish); what they do not mark for translation (app names, a column from a property) is named here.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

APP_NAMES = {
    "axes": _("Loginforsøg (spærring)"),
    "django_tasks_database": _("Baggrundsopgaver"),
    "socialaccount": _("Single sign-on"),
    "account": _("Konti"),
    "simple_history": _("Historik"),
}


def configure() -> None:
    """Called once the admin has found every app's admin module (RecruitmentConfig.ready)."""
    admin.site.site_header = _("Administration af rekrutteringsdashboardet")
    admin.site.site_title = _("Rekrutteringsdashboardet")
    admin.site.index_title = _("Administration")
    for config in apps.get_app_configs():
        if config.label in APP_NAMES:
            config.verbose_name = APP_NAMES[config.label]
    _hide_social_apps()
    _danish_task_results()


def _hide_social_apps() -> None:
    from allauth.socialaccount.models import SocialApp, SocialToken

    for model in (SocialApp, SocialToken):  # tokens are never stored (SOCIALACCOUNT_STORE_TOKENS = False)
        if admin.site.is_registered(model):
            admin.site.unregister(model)


def _danish_task_results() -> None:
    from django_tasks_db.admin import DBTaskResultAdmin
    from django_tasks_db.models import DBTaskResult

    class DanishTaskResultAdmin(DBTaskResultAdmin):
        list_display = ("id", "task", "status", "enqueued_at", "started_at", "finished_at", "priority",
                        "queue_name")

        @admin.display(description=_("opgave"))
        def task(self, obj: DBTaskResult) -> str:
            return obj.task_name

    if admin.site.is_registered(DBTaskResult):
        admin.site.unregister(DBTaskResult)
    admin.site.register(DBTaskResult, DanishTaskResultAdmin)
