"""Deleted interventions: which are deleted now, the state each was in before, and bringing one back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction

from recruitment.models import Municipality, TargetGroup

from ..models import Intervention, InterventionType
from .records import RESTORED, history_model, target_groups_history_model, who


@dataclass(frozen=True)
class DeletedIntervention:
    id: int
    title: str
    deleted_at: datetime
    deleted_by: str


def deleted_interventions(municipality: Municipality) -> list[DeletedIntervention]:
    """The municipality's interventions that are deleted now (not since restored), newest first."""
    records = (history_model().objects.filter(municipality=municipality, history_type="-")
               .exclude(id__in=Intervention.objects.filter(municipality=municipality).values("pk"))
               .select_related("history_user").order_by("-history_date", "-history_id"))
    seen: set[int] = set()
    deleted = []
    for record in records:
        if record.id not in seen:
            seen.add(record.id)
            deleted.append(DeletedIntervention(record.id, record.title, record.history_date, who(record)))
    return deleted


def deletion_record(intervention_id: int):
    """The record of the intervention's deletion, if it is deleted now; else None."""
    latest = history_model().objects.filter(id=intervention_id).order_by("-history_date", "-history_id").first()
    if latest is None or latest.history_type != "-" or Intervention.objects.filter(pk=intervention_id).exists():
        return None
    return latest


def last_state(intervention_id: int) -> tuple[Intervention, list[TargetGroup]] | None:
    """A deleted intervention as it was just before the deletion (unsaved), with its target groups."""
    record = (history_model().objects.filter(id=intervention_id).exclude(history_type="-")
              .order_by("-history_date", "-history_id").first())
    if record is None:
        return None
    group_ids = target_groups_history_model().objects.filter(history=record).values("targetgroup_id")
    groups = list(TargetGroup.objects.filter(pk__in=group_ids).select_related("pathway"))
    return record.instance, groups


class AlreadyRestored(Exception):
    """The intervention is back already: someone restored it a moment ago (a double click, two admins)."""


@transaction.atomic
def restore(intervention_id: int, user) -> Intervention | None:
    """Brings a deleted intervention back as it was before the deletion, under its old id.

    None if there is nothing deleted under the id; AlreadyRestored if a concurrent restore won.
    """
    # Two restores at once: the second waits here for the first to commit, then finds the row back.
    # (SQLite: every transaction begins with the write lock, so they are one after the other anyway.)
    list(history_model().objects.select_for_update().filter(id=intervention_id).values_list("history_id"))
    if Intervention.objects.filter(pk=intervention_id).exists():
        if history_model().objects.filter(id=intervention_id, history_type="-").exists():
            raise AlreadyRestored
        return None
    deletion = deletion_record(intervention_id)
    state = last_state(intervention_id) if deletion is not None else None
    if state is None:
        return None
    intervention, groups = state
    created_at = intervention.created_at
    if intervention.intervention_type_id and not InterventionType.objects.filter(
            pk=intervention.intervention_type_id).exists():
        intervention.intervention_type = None
    # A version past the deleted one: a form opened before the deletion then meets a conflict.
    intervention.version = deletion.version + 1
    try:
        with transaction.atomic():
            intervention.save_with_target_groups(groups, user, change_reason=RESTORED)
    except IntegrityError:
        if Intervention.objects.filter(pk=intervention_id).exists():
            raise AlreadyRestored from None
        raise
    # The insert stamps a new creation time; the intervention was created when it was created.
    Intervention.objects.filter(pk=intervention.pk).update(created_at=created_at)
    intervention.created_at = created_at
    return intervention
