"""Reading django-simple-history's records of interventions: the record models and what a record says (who made it,
what kind of change it was)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from ..models import Intervention

# The change reason of a record that brought a deleted intervention back.
RESTORED = "restored"

# A model made at runtime, which no static type describes: simple_history's historical models (the library has no
# types) and the models a data migration passes in.
RuntimeModel = Any


def history_model() -> RuntimeModel:
    return Intervention.history.model


def target_groups_history_model() -> RuntimeModel:
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
