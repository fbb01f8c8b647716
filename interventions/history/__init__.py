"""Reading django-simple-history's records of interventions: who changed what and when, field by field; what
changed since a given version (for the edit conflict); deleted interventions and restoring them.

The package: records.py (the record models; who made a record, what kind of change), entries.py (the change log,
changes since a version, the logged values at a version), backfill.py (creation records for rows without any),
restoring.py (deleted interventions, their last state, restore). Import from interventions.history.
"""

from .backfill import backfill_creations, record_missing_creations
from .entries import (
    KIND_LABELS,
    LOGGED_FIELDS,
    FieldChange,
    HistoryEntry,
    change_log,
    changes_since,
    comparable,
    current_values,
    values_at,
)
from .records import RESTORED, history_model, target_groups_history_model
from .restoring import (
    AlreadyRestored,
    DeletedIntervention,
    deleted_interventions,
    deletion_record,
    last_state,
    restore,
)

__all__ = [
    "KIND_LABELS", "LOGGED_FIELDS", "RESTORED", "AlreadyRestored", "DeletedIntervention", "FieldChange",
    "HistoryEntry", "backfill_creations", "change_log", "changes_since", "comparable", "current_values",
    "deleted_interventions", "deletion_record", "history_model", "last_state", "record_missing_creations",
    "restore", "target_groups_history_model", "values_at",
]
