"""The mapping-survey section: what the municipality reported in the intervention mapping survey, beside
what it has registered – a separate source, shown as such."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators.models import InterventionSurveyAnswer
from interventions.models import Intervention, InterventionType
from recruitment.models import Municipality, Pathway

from .base import Table
from .imported import sources


@dataclass
class SurveyRow:
    intervention_type: InterventionType
    reported: bool
    registered: bool  # running now, as HR has registered it


@dataclass
class SurveySection:
    year: int
    rows: list[SurveyRow]
    source: str
    table: Table = field(init=False)

    def __post_init__(self) -> None:
        self.table = Table([_("Indsatstype"), _("Målgruppe"), _("Svar i kortlægningen %(year)s") % {"year": self.year},
                            _("Registreret i gang nu")],
                           [[row.intervention_type.label, row.intervention_type.target_group.name,
                             _("ja") if row.reported else _("nej"), _("ja") if row.registered else _("nej")]
                            for row in self.rows])

    @property
    def reported_count(self) -> int:
        return sum(row.reported for row in self.rows)


def survey_section(municipality: Municipality, pathway: Pathway | None = None) -> SurveySection | None:
    """The municipality's latest answer in the mapping survey, beside its registered running interventions."""
    answers = InterventionSurveyAnswer.objects.filter(municipality=municipality)
    year = answers.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return None
    latest = (answers.filter(year=year).select_related("intervention_type__target_group", "data_import")
              .order_by("intervention_type__target_group__pathway__position",
                        "intervention_type__target_group__position", "intervention_type__position"))
    if pathway is not None:
        latest = latest.filter(intervention_type__target_group__pathway=pathway)
    latest_answers = list(latest)
    running = set(Intervention.objects.active().filter(municipality=municipality, intervention_type__isnull=False)
                  .values_list("intervention_type_id", flat=True))
    rows = [SurveyRow(answer.intervention_type, answer.runs, answer.intervention_type_id in running)
            for answer in latest_answers]
    records = list(dict.fromkeys(answer.data_import for answer in latest_answers))
    return SurveySection(year, rows, sources(records)) if rows else None
