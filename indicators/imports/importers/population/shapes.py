"""The two shapes of a population projection file, each read into rows per (year, municipality):

    wide  one row per municipality and year, with the two bands as columns
    long  Danmarks Statistik's table export: one row per municipality × age × year; "0 år" … "5 år" are summed
          into the two bands, other ages and the aggregate areas are skipped; with KØN only "I alt" counts.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from ..kind import Key
from ..validation import compact
from .columns import AGES, AGGREGATE, TOTAL_SEX

Row = tuple[str, str, int, int]  # (vintage, variant, children 0–2, children 3–5)


def wide(table, columns, problems, municipalities, years, areas, vintages, variants, young, older):
    """Rows of the wide shape, refusing a municipality twice in a year of one vintage and variant."""
    rows: dict[Key, list[Row]] = defaultdict(list)
    first: dict[tuple, int] = {}
    skipped = 0
    header = columns.header("kommunekode" if "kommunekode" in columns else "kommune")
    for index, area in enumerate(areas):
        row_number = int(table.row_numbers[index])
        if area == AGGREGATE:
            skipped += 1
            continue
        identity = (vintages[index], variants[index], years[index], area)
        if identity in first:
            problems.add(_("%(name)s står allerede for %(year)d i række %(first)d; hver kommune må kun stå "
                           "én gang pr. år og fremskrivning.")
                         % {"name": municipalities.names[area], "year": years[index], "first": first[identity]},
                         row_number, header)
            continue
        first[identity] = row_number
        rows[(years[index], area)].append((vintages[index], str(variants[index]), young[index], older[index]))
    return dict(rows), skipped

def long(table, columns, problems, municipalities, years, areas, vintages, variants, ages, counts, sexes):
    """Rows of DST's long shape: ages 0–5 summed into the bands, each age once, all six present."""
    bands: dict[tuple, list[int]] = {}
    seen: dict[tuple, int] = {}
    first_row: dict[tuple, int] = {}
    skipped = 0
    has_total = sexes is not None and any(compact(value or "") in TOTAL_SEX for value in sexes)
    for index, area in enumerate(areas):
        row_number = int(table.row_numbers[index])
        age = ages[index]
        other_sex = sexes is not None and has_total and compact(sexes[index] or "") not in TOTAL_SEX
        if area == AGGREGATE or age not in AGES or other_sex:
            skipped += 1
            continue
        identity = (vintages[index], str(variants[index]), years[index], area)
        sex = "" if has_total or sexes is None else compact(sexes[index] or "")
        if (*identity, age, sex) in seen:
            problems.add(_("%(name)s, %(age)d år, %(year)d står allerede i række %(first)d.")
                         % {"name": municipalities.names[area], "age": age, "year": years[index],
                            "first": seen[(*identity, age, sex)]}, row_number, columns.header("alder"))
            continue
        seen[(*identity, age, sex)] = row_number
        first_row.setdefault(identity, row_number)
        counts_by_age = bands.setdefault(identity, [0] * len(AGES) + [0])
        counts_by_age[age] += counts[index]
        counts_by_age[-1] |= 1 << age  # which ages the file has
    rows: dict[Key, list[Row]] = defaultdict(list)
    for identity, values in bands.items():
        lacking = [age for age in AGES if not values[-1] & (1 << age)]
        if lacking:
            vintage, _variant, year, area = identity
            problems.add(_("%(name)s mangler %(ages)s for %(year)d; alle aldre 0–5 år skal være med.")
                         % {"name": municipalities.names[area], "year": year,
                            "ages": ", ".join(_("%(age)d år") % {"age": age} for age in lacking)},
                         first_row[identity], columns.header("alder"))
            continue
        vintage, variant, year, area = identity
        rows[(year, area)].append((vintage, variant, sum(values[0:3]), sum(values[3:6])))
    if not rows and not problems:
        problems.add(_("Filen har ingen rækker for børn på 0–5 år i en kommune."), None, None)
    return dict(rows), skipped
