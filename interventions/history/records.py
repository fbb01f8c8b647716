"""Reading django-simple-history's records of interventions: the record models and what a record says (who made it,
what kind of change it was)."""

from __future__ import annotations

from django.apps import apps
from django.db.models import Model
from django.utils.translation import gettext as _

from ..models import Intervention

# The change reason of a record that brought a deleted intervention back.
RESTORED = "restored"


def history_model() -> type[Model]:
    return Intervention.history.model


def target_groups_history_model() -> type[Model]:
    return apps.get_model("interventions", "HistoricalIntervention_target_groups")


def who(record) -> str:
    user = record.history_user
    if user is None:
        return _("ukendt (system)")
    return user.get_full_name() or user.get_username()


def record_kind(record) -> str:
    if record.history_type == "-":
        return "deleted"
    if record.history_type == "+":
        return "restored" if record.history_change_reason == RESTORED else "created"
    return "changed"
