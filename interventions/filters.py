"""The filters of the intervention list (pathway, target group, status, year), read from the URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django import forms
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recruitment.data_version import cached
from recruitment.dates import FIRST_YEAR, LAST_YEAR
from recruitment.models import Municipality, Pathway, TargetGroup

from .models import Intervention, InterventionQuerySet


@dataclass(frozen=True)
class PathwayCount:
    pathway: Pathway
    count: int
    selected: bool


class InterventionFilterForm(forms.Form):
    pathway = forms.ChoiceField(label=_("Vej"), required=False,
                                error_messages={"invalid_choice": _("Vælg en vej fra listen.")})
    target_group = forms.ChoiceField(label=_("Målgruppe"), required=False,
                                     error_messages={"invalid_choice": _("Vælg en målgruppe fra listen.")})
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Alle"))] + list(Intervention.Status.choices),
                               error_messages={"invalid_choice": _("Vælg en status fra listen.")})
    year = forms.TypedChoiceField(label=_("Aktiv i år"), required=False, coerce=int, empty_value=None,
                                  error_messages={"invalid_choice": _("Vælg et år fra listen.")})

    def __init__(self, data, *, municipality: Municipality, version: str) -> None:
        """`version`: the national data version (recruitment.data_version), which the catalogue's pathways and
        target groups, the years and the counts are cached by: all of them change only with it."""
        super().__init__(data, label_suffix="")
        self.municipality = municipality
        self.version = version
        self.pathways, self.target_groups = cached(version, "list-filter-choices", lambda: (
            list(Pathway.objects.all()), list(TargetGroup.objects.select_related("pathway"))))
        pathway_field, group_field, year_field = (cast(forms.ChoiceField, self.fields[name])
                                                  for name in ("pathway", "target_group", "year"))
        pathway_field.choices = [("", _("Alle veje"))] + [(p.slug, p.name) for p in self.pathways]
        group_field.choices = [("", _("Alle målgrupper"))] + [
            (pathway.name, [(g.slug, g.name) for g in self.target_groups if g.pathway_id == pathway.pk])
            for pathway in self.pathways
        ]
        year_field.choices = [("", _("Alle år"))] + [(y, str(y)) for y in self._years()]

    def _years(self) -> list[int]:
        """From the first start to the last start or end among the municipality's interventions, within the years
        the form accepts (a date stored before it refused 0001 or 9999 must not list thousands of years)."""
        span = cached(self.version, f"list-years:{self.municipality.pk}", lambda: municipality_interventions(
            self.municipality).aggregate(first=Min("start_date"), last_start=Max("start_date"),
                                         last_end=Max("end_date")))
        this_year = timezone.localdate().year
        first = span["first"].year if span["first"] else this_year
        last = max([this_year] + [d.year for d in (span["last_start"], span["last_end"]) if d])
        first, last = max(first, FIRST_YEAR), min(last, LAST_YEAR)
        return list(range(last, min(first, last) - 1, -1))

    def _value(self, name: str):
        # A bad value in the URL is shown as an error next to its filter and otherwise ignored.
        if name in self.errors:
            return None
        return self.cleaned_data.get(name)

    def _filtered(self, *, by_pathway: bool) -> InterventionQuerySet:
        interventions = municipality_interventions(self.municipality)
        if status := self._value("status"):
            interventions = interventions.filter(status=status)
        if (year := self._value("year")) is not None:
            interventions = interventions.ran_in_year(year)
        if by_pathway:
            if pathway := self._pick(self.pathways, self._value("pathway")):
                interventions = interventions.in_pathway(pathway)
            if target_group := self._pick(self.target_groups, self._value("target_group")):
                interventions = interventions.reaching(target_group)
        return interventions

    @staticmethod
    def _pick(items, slug):
        return next((item for item in items if item.slug == slug), None) if slug else None

    def interventions(self) -> InterventionQuerySet:
        return (self._filtered(by_pathway=True).select_related("intervention_type")
                .prefetch_related("target_groups").running_first())

    def pathway_counts(self) -> tuple[int, list[PathwayCount]]:
        """All and per pathway, how many interventions match the status and year filters (one query, cached
        until the next change of the data: it counts every one of the municipality's interventions)."""
        key = f"list-counts:{self.municipality.pk}:{self._value('status') or ''}:{self._value('year') or ''}"
        total, counts = cached(self.version, key,
                               lambda: self._filtered(by_pathway=False).count_by_pathway(self.pathways))
        current = self._value("pathway")
        return total, [PathwayCount(p, counts[p.pk], p.slug == current) for p in self.pathways]

    @property
    def active(self) -> bool:
        return any(self._value(name) not in (None, "") for name in self.fields)


def municipality_interventions(municipality: Municipality) -> InterventionQuerySet:
    return Intervention.objects.filter(municipality=municipality)
