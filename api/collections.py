"""The API's answers for the secretariat's own tools, in one call each: every municipality's coverage
(paginated, filtered by region and year), a region's table, a municipality's targets.

Every number comes from the code the pages use: the coverage of all municipalities is each one's coverage.csv row
as the per-municipality endpoint gives it (indicators.coverage.everyones_coverage); a past year's coverage is the
coverage over time (indicators.timeline); the region's table is the regional page's (indicators.regions).
"""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError

from indicators.coverage import Catalogue, everyones_coverage, load_catalogue, national_coverage
from indicators.dashboards.municipality import COVERAGE_CSV_COLUMNS, coverage_csv_rows
from indicators.numbers import mean, round1
from indicators.regions import DEFAULT_SORT, RegionRow, region_page
from indicators.targets.observed import targets_with_progress
from indicators.timeline import average_in, coverage_in, reported_by, spells, years
from recruitment.data_version import cached_now
from recruitment.models import Municipality, Region, region_by_slug

Rows = list[dict[str, object]]


def coverage_today(include_planned: bool) -> dict[int, Rows]:
    """Per municipality id, its coverage rows exactly as /municipalities/<code>/coverage/ answers them."""
    return {coverage.municipality.pk: [dict(zip(COVERAGE_CSV_COLUMNS, row, strict=True))
                                       for row in coverage_csv_rows(coverage)]
            for coverage in everyones_coverage(include_planned)}


def coverage_in_year(year: int, today: date | None = None) -> dict[int, Rows]:
    """The same keys for a year, by the rule of coverage over time: the types that ran during the year, over the
    municipalities that had reported by its end (null for one that had not). Target groups reached are not kept
    per year (null). Plans never count for a past year: a planned intervention has not started."""
    today = today or timezone.localdate()
    if year > today.year:
        raise ValidationError({"year": [_("Året %(year)d er ikke begyndt endnu.") % {"year": year}]})
    catalogue = load_catalogue()
    period = years(year, today)[0]
    everyone = national_coverage(False, catalogue).municipalities
    all_spells = spells(catalogue)
    by_region: dict[int, list[Municipality]] = {}
    for municipality in everyone:
        by_region.setdefault(municipality.region_id, []).append(municipality)
    result: dict[int, Rows] = {}
    for municipality in everyone:
        own = all_spells.of(municipality.pk)
        reported = reported_by(own, period, all_spells.confirmed_none.get(municipality.pk))
        result[municipality.pk] = [_year_row(catalogue, pathway_index, own if reported else None,
                                             by_region[municipality.region_id], all_spells, period)
                                   for pathway_index in range(len(catalogue.pathways))]
    return result


def _year_row(catalogue: Catalogue, index: int, own, region, all_spells, period) -> dict[str, object]:
    pathway = catalogue.pathways[index]
    types = catalogue.benchmarked_ids(pathway)
    expected = mean(entry.share for entry in catalogue.benchmarked(pathway) if entry.share is not None)
    coverage = None if own is None else coverage_in(own, types, period)
    ran = None if own is None else len({s.type_id for s in own if s.type_id in types and s.ran_during(period)})
    average = average_in(region, all_spells, types, period)
    values = [pathway.slug, len(types), ran, round1(coverage), round1(expected),
              None if coverage is None or expected is None else round1(coverage - expected),
              len(catalogue.groups_by_pathway.get(pathway.pk, [])), None, round1(average.pct), average.reporting,
              average.of]
    return dict(zip(COVERAGE_CSV_COLUMNS, values, strict=True))


def all_coverage(include_planned: bool, year: int | None, region: int | None) -> list[dict[str, object]]:
    """One object per municipality (by code): its code, name, region's code and coverage rows."""
    rows = coverage_in_year(year) if year is not None else coverage_today(include_planned)
    everyone = national_coverage(False).municipalities
    return [{"municipality": m.code, "name": m.name, "region": m.region.code, "pathways": rows[m.pk]}
            for m in sorted(everyone, key=lambda m: m.code) if region is None or m.region.code == region]


def region_or_404(slug: str) -> Region:
    region = region_by_slug(slug)
    if region is None:
        raise NotFound(_("Ukendt region."))
    return region


def _row(row: RegionRow, pathways, milestones) -> dict[str, object]:
    return {"municipality": row.municipality.code if row.municipality else None, "name": row.label,
            "reports": row.reports,
            "pathways": [{"pathway": p.slug, "running_types": cell.active, "catalogue_types": cell.total,
                          "coverage_pct": round1(cell.pct)} for p, cell in zip(pathways, row.pathways, strict=True)],
            "gaps": [{"year": year, "fte": gap} for year, gap in zip(milestones, row.gaps, strict=True)],
            "targets": dict(row.targets),
            "practicum_return_pct": row.practicum_pct, "practicum_n": row.practicum.n if row.practicum else None}


def region_table(slug: str) -> dict[str, object]:
    """The regional page's table and completeness, by the page's own builder."""
    region = region_or_404(slug)
    page = cached_now(f"region:{region.pk}:{DEFAULT_SORT}:0", lambda: region_page(region))
    status = page.completeness
    return {"region": region.code, "slug": region.slug, "name": page.name, "vintage": page.vintage,
            "completeness": {"municipalities": status.total, "reporting": status.reporting,
                             "confirmed_none": status.confirmed_none, "with_workforce": status.with_workforce,
                             "with_projection": status.with_projection},
            "municipalities": [_row(row, page.pathways, page.milestones) for row in page.rows],
            "region_average": _row(page.region_row, page.pathways, page.milestones),
            "country_average": _row(page.country_row, page.pathways, page.milestones)}


def targets_of(code: int) -> list[dict[str, object]]:
    """A municipality's targets with their status (Open SDG's rule, indicators.targets.status) and the values
    observed, as its targets page shows them."""
    municipality = get_object_or_404(Municipality, code=code)
    return [{"indicator": item.target.indicator, "label": str(item.target.label),
             "baseline_year": item.target.baseline_year, "baseline_value": float(item.target.baseline_value),
             "target_year": item.target.target_year, "target_value": float(item.target.target_value),
             "direction": item.target.direction, "source": item.target.source, "status": item.progress.status,
             "status_text": str(item.progress.label), "latest_year": item.progress.latest_year,
             "latest_value": None if item.progress.latest_value is None else float(item.progress.latest_value),
             "observed": [{"year": year, "value": float(value)} for year, value in sorted(item.observed.items())]}
            for item in targets_with_progress(municipality)]
