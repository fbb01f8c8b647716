"""Comparison groupings: which group each municipality is in, e.g. Danmarks Statistik's five municipality
groups.

Columns: kommunekode (or kommune), gruppe, and optionally inddeling (the grouping's name; without the
column every row belongs to the grouping DEFAULT_GROUPING). One file may hold several groupings; in each, a
municipality stands at most once. A grouping has no year, so every key is (NO_YEAR, municipality).

Re-importing a grouping replaces it: each municipality the file has is moved to the file's group, and the
grouping's municipalities the file no longer has leave it. Other groupings stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DataImport, Grouping, GroupMembership, MunicipalityGroup
from indicators.models.groupings import RESERVED_SLUGS

from .kind import Importer, Key, Parsed, Progress
from .reading import Table
from .validation import KEY_ALIASES, Columns, MunicipalityLookup, Problems, check_column, require_values

NO_YEAR = 0  # the key's year: a grouping holds for no particular year
DEFAULT_GROUPING = gettext_lazy("Importerede kommunegrupper")
MAX_NAME = 100
# Each grouping is a choice on every member's pages and a list of options on the compare page: a file with a new
# grouping in each row (a column mixed up) made a thousand of them.
MAX_GROUPINGS = 20

ALIASES: dict[str, tuple[str, ...]] = {
    "kommunekode": KEY_ALIASES["kommunekode"],
    "kommune": KEY_ALIASES["kommune"],
    "gruppe": ("kommunegruppe", "group", "gruppenavn"),
    "inddeling": ("gruppering", "grouping", "inddelingens navn"),
}


def to_name(text: str) -> str:
    if len(text) > MAX_NAME:
        raise ValueError(_("Navnet må højst være %(max)d tegn.") % {"max": MAX_NAME})
    return " ".join(text.split())


def to_grouping_name(text: str) -> str:
    """A grouping's name, whose slug (the grouping's value of ?sammenlign=) must not be a reserved one."""
    name = to_name(text)
    if (slug := slugify(name)) in RESERVED_SLUGS:
        raise ValueError(_("“%(name)s” kan ikke være navnet på en inddeling: ?sammenlign=%(slug)s er allerede "
                           "regionen eller alle kommuner. Vælg et andet navn.") % {"name": name, "slug": slug})
    return name


@dataclass
class GroupingData(Parsed):
    rows: dict[Key, dict[str, str]]  # per (NO_YEAR, municipality): grouping name -> group name
    order: dict[str, list[str]]  # per grouping: its groups in the order the file first names them
    stored_keys: set[Key] = field(default_factory=set)  # the groupings' members already in the database

    @property
    def groupings(self) -> list[str]:
        return list(self.order)

    def content_by_key(self) -> dict[Key, Hashable]:
        return {key: frozenset(groups.items()) for key, groups in self.rows.items()}

    def rows_by_key(self) -> dict[Key, int]:
        return {key: len(groups) for key, groups in self.rows.items()}

    def details(self) -> dict[str, Any]:
        return {"groupings": [{"name": name, "groups": groups} for name, groups in self.order.items()]}


class GroupingImporter(Importer):
    kind = DataImport.Kind.MUNICIPALITY_GROUPS
    label = gettext_lazy("Kommunegrupper")

    def aliases(self) -> dict[str, tuple[str, ...]]:
        return ALIASES

    def signature(self) -> set[str]:
        return {"gruppe", "inddeling"}

    def missing_columns(self, columns: Columns) -> list[str]:
        missing = [] if "kommunekode" in columns or "kommune" in columns else ["kommunekode"]
        return missing + ([] if "gruppe" in columns else ["gruppe"])

    def parse(self, table: Table, columns: Columns, problems: Problems,
              municipalities: MunicipalityLookup) -> GroupingData | None:
        area_name = "kommunekode" if "kommunekode" in columns else "kommune"
        convert = municipalities.from_code if area_name == "kommunekode" else municipalities.from_name
        area = check_column(table, columns, area_name, convert, problems)
        require_values(table, columns, area_name, area, problems)
        group = check_column(table, columns, "gruppe", to_name, problems)
        require_values(table, columns, "gruppe", group, problems)
        groupings = None
        if "inddeling" in columns:
            groupings = check_column(table, columns, "inddeling", to_grouping_name, problems)
            require_values(table, columns, "inddeling", groupings, problems)
        if problems:
            return None
        names = groupings.required_values() if groupings is not None else [str(DEFAULT_GROUPING)] * len(table)
        rows: dict[Key, dict[str, str]] = defaultdict(dict)
        order: dict[str, list[str]] = {}
        first: dict[tuple[str, int], int] = {}
        for index, (municipality, group_name, grouping) in enumerate(zip(
                area.required_values(), group.required_values(), names, strict=True)):
            row_number = int(table.row_numbers[index])
            if (grouping, municipality) in first:
                problems.add(_("%(name)s står allerede i inddelingen “%(grouping)s” i række %(first)d; en kommune "
                               "kan kun være i én gruppe pr. inddeling.")
                             % {"name": municipalities.names[municipality], "grouping": grouping,
                                "first": first[(grouping, municipality)]}, row_number, columns.header(area_name))
                continue
            if grouping not in order and len(order) >= MAX_GROUPINGS:
                problems.add(_("Filen har flere end %(max)d inddelinger; én fil kan højst have %(max)d.")
                             % {"max": MAX_GROUPINGS}, row_number, columns.header("inddeling"))
                continue
            first[(grouping, municipality)] = row_number
            rows[(NO_YEAR, municipality)][grouping] = group_name
            groups = order.setdefault(grouping, [])
            if group_name not in groups:
                groups.append(group_name)
        if problems:
            return None
        return GroupingData(rows=dict(rows), order=order)

    def _stored(self, parsed: GroupingData) -> dict[Key, dict[str, str]]:
        stored: dict[Key, dict[str, str]] = defaultdict(dict)
        query = GroupMembership.objects.filter(grouping__name__in=parsed.groupings).values_list(
            "municipality_id", "grouping__name", "group__name")
        for municipality, grouping, group in query:
            stored[(NO_YEAR, municipality)][grouping] = group
        return stored

    def stored_content(self, keys: Iterable[Key], parsed: Parsed) -> dict[Key, Hashable]:
        assert isinstance(parsed, GroupingData)
        stored = self._stored(parsed)
        parsed.stored_keys = set(stored)
        return {key: frozenset(stored[key].items()) for key in keys if key in stored}

    def removed_keys(self, parsed: Parsed, keys: Iterable[Key]) -> set[Key]:
        assert isinstance(parsed, GroupingData)
        return parsed.stored_keys - set(keys)

    def write(self, parsed: Parsed, keys: set[Key], data_import: DataImport, progress: Progress) -> int:
        assert isinstance(parsed, GroupingData)
        municipalities = [municipality for _, municipality in keys]
        groups: dict[tuple[str, str], MunicipalityGroup] = {}
        for name, group_names in parsed.order.items():
            grouping, _created = Grouping.objects.get_or_create(name=name, defaults={"slug": _free_slug(name)})
            GroupMembership.objects.filter(grouping=grouping, municipality_id__in=municipalities).delete()
            for position, group_name in enumerate(group_names):
                group, _created = MunicipalityGroup.objects.update_or_create(
                    grouping=grouping, name=group_name, defaults={"position": position})
                groups[(name, group_name)] = group
        memberships = [GroupMembership(grouping_id=groups[(grouping, group)].grouping_id,
                                       group=groups[(grouping, group)], municipality_id=municipality,
                                       data_import=data_import)
                       for key in sorted(keys) if key in parsed.rows
                       for municipality in [key[1]] for grouping, group in parsed.rows[key].items()]
        GroupMembership.objects.bulk_create(memberships)
        # Groups the file no longer names, and that have lost every member, go.
        MunicipalityGroup.objects.filter(grouping__name__in=parsed.groupings, memberships__isnull=True).delete()
        progress(_("Gemt"), 99)
        return len(memberships)


def _free_slug(name: str) -> str:
    base = slugify(name)[:50] or "inddeling"
    slug, number = base, 2
    while Grouping.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug
