"""Reading django-simple-history's records of interventions: who changed what and when, field by
field; what changed since a given version (for the edit conflict); deleted interventions and
restoring them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import batched

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment.dates import danish_date
from recruitment.models import Municipality, TargetGroup

from .models import Intervention, InterventionType

RESTORED = "restored"

# The fields a person edits, in the form's order (the form's fields are the same list).
LOGGED_FIELDS = Intervention.EDITED_FIELDS

KIND_LABELS = {
    "created": gettext_lazy("Oprettet"),
    "changed": gettext_lazy("Ændret"),
    "deleted": gettext_lazy("Slettet"),
    "restored": gettext_lazy("Gendannet"),
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    kind: str
    when: datetime
    who: str
    version: int
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _history_model() -> type[Model]:
    return Intervention.history.model


def _target_groups_history_model() -> type[Model]:
    return apps.get_model("interventions", "HistoricalIntervention_target_groups")


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("ukendt (system)")
    return user.get_full_name() or user.get_username()


def _kind(record) -> str:
    if record.history_type == "-":
        return "deleted"
    if record.history_type == "+":
        return "restored" if record.history_change_reason == RESTORED else "created"
    return "changed"


class _Formatter:
    """Turns stored values into what a person reads; loads the names it needs once."""

    def __init__(self, type_ids: set[int]) -> None:
        self.types = dict(InterventionType.objects.filter(pk__in=type_ids).values_list("pk", "label"))
        self.groups = {group.pk: group for group in TargetGroup.objects.select_related("pathway")}
        self.statuses = dict(Intervention.Status.choices)

    def __call__(self, name: str, value: object) -> str:
        if value in (None, "", frozenset()):
            return "—"
        if name == "intervention_type":
            return self.types.get(value, _("slettet indsatstype"))
        if name == "target_groups":
            groups = sorted((self.groups[pk] for pk in value if pk in self.groups),
                            key=lambda g: (g.pathway.position, g.position))
            return ", ".join(group.name for group in groups)
        if name == "status":
            return str(self.statuses.get(value, value))
        if isinstance(value, date):
            return danish_date(value)
        if name == "budget_dkk":
            return f"{number_format(value, 0, force_grouping=True)} kr."
        if isinstance(value, int):
            return number_format(value, 0, force_grouping=True)
        return str(value)


def _label(name: str) -> str:
    return str(Intervention._meta.get_field(name).verbose_name).capitalize()


def _values(record, groups: frozenset[int]) -> dict[str, object]:
    values = {name: getattr(record, name if name != "intervention_type" else "intervention_type_id")
              for name in LOGGED_FIELDS if name != "target_groups"}
    values["target_groups"] = groups
    return values


def change_log(intervention_id: int) -> list[HistoryEntry]:
    """Every recorded create, change, delete and restore of one intervention, newest first.

    Four queries whatever the length of the history: the records with their users, the target
    groups of every record, the type labels and the target group names.
    """
    records = list(_history_model().objects.filter(id=intervention_id).select_related("history_user")
                   .order_by("history_date", "history_id"))
    groups_by_record: dict[int, set[int]] = {record.history_id: set() for record in records}
    rows = _target_groups_history_model().objects.filter(history_id__in=list(groups_by_record))
    for history_id, group_id in rows.values_list("history_id", "targetgroup_id"):
        groups_by_record[history_id].add(group_id)
    formatted = _Formatter({r.intervention_type_id for r in records if r.intervention_type_id})

    entries: list[HistoryEntry] = []
    previous: dict[str, object] | None = None
    for record in records:
        kind = _kind(record)
        entry = HistoryEntry(kind, record.history_date, _who(record), record.version)
        if kind == "deleted":
            # The deleted row's target groups are already gone when the record is written; the
            # state before the deletion is what a restore brings back, so it stays the baseline.
            entries.append(entry)
            continue
        values = _values(record, frozenset(groups_by_record[record.history_id]))
        baseline = previous if previous is not None else ({} if kind == "created" else None)
        if baseline is not None:
            for name in LOGGED_FIELDS:
                old, new = baseline.get(name), values[name]
                if old != new and not (old in (None, "", frozenset()) and new in (None, "", frozenset())):
                    entry.changes.append(FieldChange(name, _label(name), formatted(name, old), formatted(name, new)))
        # A change that altered nothing a person edits (say, a save without edits) is left out.
        if entry.changes or kind != "changed":
            entries.append(entry)
        previous = values
    entries.reverse()
    return entries


def changes_since(intervention_id: int, version: int) -> list[HistoryEntry]:
    """What others saved after `version`: what the person whose save was refused needs to see."""
    return [entry for entry in change_log(intervention_id) if entry.version > version]


def values_at(intervention_id: int, version: int) -> dict[str, object] | None:
    """The logged fields as they were at `version` (types and target groups as ids), if recorded."""
    record = (_history_model().objects.filter(id=intervention_id, version=version).exclude(history_type="-")
              .order_by("-history_date", "-history_id").first())
    if record is None:
        return None
    groups = _target_groups_history_model().objects.filter(history=record).values_list("targetgroup_id", flat=True)
    return _values(record, frozenset(groups))


def current_values(intervention: Intervention) -> dict[str, object]:
    """The logged fields of a saved intervention as it is now, in the shape values_at() gives."""
    return _values(intervention, frozenset(intervention.target_groups.values_list("pk", flat=True)))


def record_missing_creations(interventions: type[Model], records: type[Model], record_groups: type[Model],
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
    return record_missing_creations(Intervention, _history_model(), _target_groups_history_model(), ids)


def comparable(name: str, value: object) -> object:
    """A form's cleaned value in the shape values_at() gives, so the two can be compared."""
    if name == "target_groups":
        return frozenset(group.pk for group in value)
    if name == "intervention_type":
        return value.pk if value is not None else None
    return value


@dataclass(frozen=True)
class DeletedIntervention:
    id: int
    title: str
    deleted_at: datetime
    deleted_by: str


def deleted_interventions(municipality: Municipality) -> list[DeletedIntervention]:
    """The municipality's interventions that are deleted now (not since restored), newest first."""
    records = (_history_model().objects.filter(municipality=municipality, history_type="-")
               .exclude(id__in=Intervention.objects.filter(municipality=municipality).values("pk"))
               .select_related("history_user").order_by("-history_date", "-history_id"))
    seen: set[int] = set()
    deleted = []
    for record in records:
        if record.id not in seen:
            seen.add(record.id)
            deleted.append(DeletedIntervention(record.id, record.title, record.history_date, _who(record)))
    return deleted


def deletion_record(intervention_id: int):
    """The record of the intervention's deletion, if it is deleted now; else None."""
    latest = _history_model().objects.filter(id=intervention_id).order_by("-history_date", "-history_id").first()
    if latest is None or latest.history_type != "-" or Intervention.objects.filter(pk=intervention_id).exists():
        return None
    return latest


def last_state(intervention_id: int) -> tuple[Intervention, list[TargetGroup]] | None:
    """A deleted intervention as it was just before the deletion (unsaved), with its target groups."""
    record = (_history_model().objects.filter(id=intervention_id).exclude(history_type="-")
              .order_by("-history_date", "-history_id").first())
    if record is None:
        return None
    group_ids = _target_groups_history_model().objects.filter(history=record).values("targetgroup_id")
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
    list(_history_model().objects.select_for_update().filter(id=intervention_id).values_list("history_id"))
    if Intervention.objects.filter(pk=intervention_id).exists():
        if _history_model().objects.filter(id=intervention_id, history_type="-").exists():
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
