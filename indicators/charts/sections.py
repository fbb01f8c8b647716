"""The dashboard sections built on imported data, each in its topic module beside the charts it draws:

    practicum.py: practicum evaluations   pedagogue students' positive shares over the years and for every question,
                            against the region and all municipalities, with n; supervisors' training
    workforce.py: workforce    the shares of the staff over the years, target-group sizes and the reach of
                            the municipality's running interventions (participants / size)
    survey.py: mapping survey  what the municipality reported in the intervention mapping survey, beside
                            what it has registered – a separate source, shown as such

A section appears only when its data exists. Every share goes through shares.Share, so a share built on
fewer than 5 answers reads "for få svar" in the chart, the table and the CSV alike. Each section runs a
fixed number of queries, whatever the number of years, municipalities or rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from recruitment.models import Municipality, Pathway

from .base import Chart
from .practicum import PracticumSection, practicum_section
from .survey import SurveySection, survey_section
from .workforce import WorkforceSection, workforce_section

# The practicum figures describe the internship pathway's target group.
INTERNSHIP = "through-internship"


@dataclass
class ImportedSections:
    practicum: PracticumSection | None
    workforce: WorkforceSection | None
    survey: SurveySection | None

    @property
    def charts(self) -> list[Chart]:
        return [*(self.practicum.charts if self.practicum else []), *(self.workforce.charts if self.workforce else [])]

    def __bool__(self) -> bool:
        return any((self.practicum, self.workforce, self.survey))


def for_municipality(municipality: Municipality, peers: tuple[str, Collection[int]] | None = None) -> ImportedSections:
    """`peers`: the comparison group the user chose instead of the region (its name and municipalities)."""
    return ImportedSections(practicum_section(municipality, peers=peers), workforce_section(municipality),
                            survey_section(municipality))


def for_pathway(municipality: Municipality, pathway: Pathway,
                peers: tuple[str, Collection[int]] | None = None) -> ImportedSections:
    """The pathway page: practicum figures belong to the internship pathway; the workforce picture and the
    reach of each target group to every pathway; the survey answers to the pathway's types."""
    practicum = practicum_section(municipality, peers=peers) if pathway.slug == INTERNSHIP else None
    return ImportedSections(practicum, workforce_section(municipality, pathway), survey_section(municipality, pathway))
