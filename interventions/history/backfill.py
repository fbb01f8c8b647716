"""A creation record for interventions that have none (bulk-created rows, rows older than the history), so that a
conflict has a version to compare with and a deleted row a state to restore."""

from __future__ import annotations

from itertools import batched

from ..models import Intervention
from .records import RuntimeModel, history_model, target_groups_history_model


def record_missing_creations(interventions: RuntimeModel, records: RuntimeModel, record_groups: RuntimeModel,
                             ids: list[int] | None = None) -> int:
    """Gives every intervention without any history entry (bulk-created demo rows, rows older than the
    history) a creation entry of its stored state, dated at its creation, by its creator.

    Without it a conflict has no version to compare with and a deleted row no state to restore. Takes the
    models as arguments, so the data migration can pass its historical ones; returns how many it recorded.
    """
    missing = interventions.objects.exclude(pk__in=records.objects.values("id")).order_by("pk")
    if ids is not None:
        missing = missing.filter(pk__in=ids)
    copied = [f.attname for f in records._meta.concrete_fields if not f.attname.startswith("history_")]
    groups = interventions._meta.get_field("target_groups").remote_field.through.objects
    recorded = 0
    # The whole table in chunks; a few ids (a row about to change, on every save) in one plain query, as on
    # PostgreSQL an iterator is a server-side cursor: three round trips.
    for batch in batched(missing.iterator(chunk_size=500) if ids is None else list(missing), 500):
        made = records.objects.bulk_create([
            records(history_type="+", history_date=row.created_at, history_user_id=row.created_by_id,
                    **{name: getattr(row, name) for name in copied}) for row in batch])
        if made and made[0].history_id is None:  # a database that does not return keys from bulk inserts
            made = list(records.objects.filter(id__in=[row.pk for row in batch], history_type="+"))
        record_of = {record.id: record.history_id for record in made}
        record_groups.objects.bulk_create([
            record_groups(id=row_id, history_id=record_of[intervention_id], intervention_id=intervention_id,
                          targetgroup_id=group)
            for row_id, intervention_id, group in groups.filter(intervention_id__in=list(record_of))
            .values_list("id", "intervention_id", "targetgroup_id")])
        recorded += len(made)
    return recorded


def backfill_creations(ids: list[int]) -> int:
    """record_missing_creations for these interventions: bulk-created ones, or one about to be changed or
    deleted (the state it is leaving is then on record, for the conflict view and for a restore)."""
    return record_missing_creations(Intervention, history_model(), target_groups_history_model(), ids)
