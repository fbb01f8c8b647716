"""The catalogue as the HR consultant picks from it: types grouped by pathway and target group,
each with the share of municipalities that EVA found running it and how sure that share is.

The shares live in `indicators` (Benchmark), which sits above this app; they are read through the
reverse relation `InterventionType.benchmarks`, so nothing here imports upward.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from recruitment.models import Pathway, TargetGroup

from .certainty import Confidence, certainty_word, is_uncertain
from .models import InterventionType


@dataclass(frozen=True)
class TypeOption:
    """One catalogue type with its EVA share, ready for the picker."""

    type: InterventionType
    share_pct: Decimal | None
    confidence: str
    confidence_label: str
    source: str
    note: str

    @property
    def pk(self) -> int:
        return self.type.pk

    @property
    def is_provisional(self) -> bool:
        return self.confidence == Confidence.PROVISIONAL

    @property
    def is_uncertain(self) -> bool:
        return is_uncertain(self.confidence)

    @property
    def certainty_word(self) -> str:
        return certainty_word(self.confidence)

    @property
    def share_text(self) -> str:
        """"78 %", "45 % (foreløbig)" or "ingen andel": the share as the picker and info box say it."""
        if self.share_pct is None:
            return _("ingen andel")
        places = 0 if self.share_pct == self.share_pct.to_integral_value() else 1
        text = f"{number_format(self.share_pct, places)} %"
        return f"{text} ({self.certainty_word})" if self.is_uncertain else text

    @property
    def option_label(self) -> str:
        return _("%(label)s – EVA: %(share)s") % {"label": self.type.label, "share": self.share_text}


@dataclass(frozen=True)
class TargetGroupOptions:
    target_group: TargetGroup
    options: list[TypeOption]


@dataclass(frozen=True)
class PathwayOptions:
    pathway: Pathway
    groups: list[TargetGroupOptions]


def _option(intervention_type: InterventionType) -> TypeOption:
    benchmark = intervention_type.current_benchmark()
    if benchmark is None:
        return TypeOption(intervention_type, None, Confidence.NONE, str(Confidence.NONE.label), "", "")
    return TypeOption(intervention_type, benchmark.share_pct, benchmark.confidence,
                      benchmark.get_confidence_display(), benchmark.source.citation, benchmark.note)


def type_options() -> list[TypeOption]:
    """Every catalogue type in catalogue order, with its share: three queries, whatever the size."""
    types = InterventionType.objects.select_related("target_group__pathway").prefetch_related("benchmarks__source")
    return [_option(t) for t in types]


def grouped(options: list[TypeOption]) -> list[PathwayOptions]:
    """The options nested by pathway and target group, keeping the catalogue order."""
    pathways: dict[int, PathwayOptions] = {}
    groups: dict[int, TargetGroupOptions] = {}
    for option in options:
        target_group = option.type.target_group
        if target_group.pathway_id not in pathways:
            pathways[target_group.pathway_id] = PathwayOptions(target_group.pathway, [])
        if target_group.pk not in groups:
            groups[target_group.pk] = TargetGroupOptions(target_group, [])
            pathways[target_group.pathway_id].groups.append(groups[target_group.pk])
        groups[target_group.pk].options.append(option)
    return list(pathways.values())
