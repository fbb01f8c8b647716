"""The home page's national summary: every catalogue type's adoption in all municipalities beside EVA."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.charts import coverage as coverage_charts
from indicators.charts.base import Chart
from indicators.coverage import load_catalogue, national_coverage


@dataclass
class NationalSummary:
    charts: list[Chart]
    municipalities: int
    with_interventions: int  # with at least one running catalogue intervention
    reporting: int  # what the adoption shares are taken over (indicators.coverage.reporting_ids)


def national_summary() -> NationalSummary:
    """Adoption of each type in all 98 municipalities beside EVA's share, one chart per pathway."""
    catalogue = load_catalogue()
    national = national_coverage(False, catalogue)
    adoption = national.adoption_by_type()
    pathway_charts = [
        coverage_charts.adoption_chart(f"national-{pathway.slug}", pathway.name,
                                       [adoption[e.intervention_type.pk] for e in catalogue.entries(pathway)],
                                       _("alle %(count)s kommuner") % {"count": len(national.municipalities)})
        for pathway in catalogue.pathways
    ]
    return NationalSummary(pathway_charts, len(national.municipalities), len(national.running),
                           len(national.reporting))
