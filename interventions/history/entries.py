"""An intervention's change log, field by field (who changed what and when), what changed since a version (for the
edit conflict) and the logged fields' values at a version."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Field
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recruitment.dates import danish_date
from recruitment.models import TargetGroup

from ..models import Intervention, InterventionType
from .records import history_model, record_kind, target_groups_history_model, who

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


class _Formatter:
    """Turns stored values into what a person reads; loads the names it needs once."""

    def __init__(self, type_ids: set[int]) -> None:
        self.types = dict(InterventionType.objects.filter(pk__in=type_ids).values_list("pk", "label"))
        self.groups = {group.pk: group for group in TargetGroup.objects.select_related("pathway")}
        self.statuses = dict(Intervention.Status.choices)

    def __call__(self, name: str, value: Any) -> str:  # the value's type depends on the field `name`
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
    model_field = Intervention._meta.get_field(name)
    assert isinstance(model_field, Field), f"{name} is a field of Intervention's own"
    return str(model_field.verbose_name).capitalize()


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
    records = list(history_model().objects.filter(id=intervention_id).select_related("history_user")
                   .order_by("history_date", "history_id"))
    groups_by_record: dict[int, set[int]] = {record.history_id: set() for record in records}
    rows = target_groups_history_model().objects.filter(history_id__in=list(groups_by_record))
    for history_id, group_id in rows.values_list("history_id", "targetgroup_id"):
        groups_by_record[history_id].add(group_id)
    formatted = _Formatter({r.intervention_type_id for r in records if r.intervention_type_id})

    entries: list[HistoryEntry] = []
    previous: dict[str, object] | None = None
    for record in records:
        kind = record_kind(record)
        entry = HistoryEntry(kind, record.history_date, who(record), record.version)
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
    record = (history_model().objects.filter(id=intervention_id, version=version).exclude(history_type="-")
              .order_by("-history_date", "-history_id").first())
    if record is None:
        return None
    groups = target_groups_history_model().objects.filter(history=record).values_list("targetgroup_id", flat=True)
    return _values(record, frozenset(groups))


def current_values(intervention: Intervention) -> dict[str, object]:
    """The logged fields of a saved intervention as it is now, in the shape values_at() gives."""
    return _values(intervention, frozenset(intervention.target_groups.values_list("pk", flat=True)))


def comparable(name: str, value: Any) -> object:
    """A form's cleaned value in the shape values_at() gives, so the two can be compared."""
    if name == "target_groups":
        return frozenset(group.pk for group in value)
    if name == "intervention_type":
        return value.pk if value is not None else None
    return value
