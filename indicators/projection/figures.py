"""The figures a municipality's projection rests on, each with its value and its source ("Tallene bag").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from recruitment.dates import danish_date

from ..models import DataImport, PopulationProjection
from ..projection import Assumption, Inputs, Projection


@dataclass
class InputRow:
    """One figure the projection rests on: its value, source, and whether a default or assumption stood in."""

    label: str
    value: str
    source: str
    default: bool


def source_of(data_import: DataImport) -> str:
    when = danish_date(data_import.finished_at or data_import.created_at)
    return _("fil %(file)s, importeret %(when)s") % {"file": data_import.file_name, "when": when}


def input_rows(inputs: Inputs, projection: Projection, values: dict[str, Assumption]) -> list[InputRow]:
    stat, resolved = inputs.stat, projection.resolved
    assert stat is not None, "a projection starts from the base year's statistics"
    own = _("Kommunens personalestatistik %(year)d (%(source)s)") % {"year": stat.year,
                                                                      "source": source_of(stat.data_import)}

    def default_source(key: str) -> str:
        item = values[key]
        return _("Landstal, brugt da kommunen ikke har tallet: %(label)s = %(value)s (%(source)s)") % {
            "label": item.note or item.label, "value": item.display(), "source": item.source or _("antagelse")}

    def count(value: float) -> str:
        return number_format(round(value, 1), force_grouping=True)

    def percent(share: float) -> str:
        return f"{number_format(round(share * 100, 1))} %"

    rows = [InputRow(_("Pædagoger (personer), P"), count(resolved.pedagogues), own, False)]
    rows.append(InputRow(_("Pædagoger over 55 år, S"), count(resolved.seniors),
                         default_source("seniors-share") if resolved.seniors_default else own,
                         resolved.seniors_default))
    rows.append(InputRow(_("Andel på under 37 timer, T/P"), percent(resolved.part_time_share),
                         default_source("part-time-share") if resolved.part_time_default else own,
                         resolved.part_time_default))
    rows.append(InputRow(_("Andre fratrædelser om året, q"), percent(resolved.other_leaver_rate),
                         default_source("leaver-rate") if resolved.leaver_rate_default else
                         _("Beregnet: (fratrådte − S/10) / (P − S); %(source)s") % {"source": own},
                         resolved.leaver_rate_default))
    rows.append(InputRow(_("Nyuddannede ansat om året, N"), count(resolved.new_graduates),
                         default_source("graduates-rate") if resolved.new_graduates_default else own,
                         resolved.new_graduates_default))
    share = resolved.pedagogue_share
    rows.append(InputRow(_("Pædagogandel, s = P / (P + assistenter + medhjælpere)"),
                         percent(share) if share is not None else _("ukendt"),
                         own if share is not None else _("Personalestatistikken mangler assistenter eller "
                                                        "medhjælpere; målet for pædagogandel kan ikke bruges."),
                         share is None))
    first = projection.rows[0]
    rows.append(InputRow(
        _("Børn %(year)d (0–2 / 3–5 år)") % {"year": first.year},
        f"{count(first.children_0_2)} / {count(first.children_3_5)}",
        own if resolved.children_from_workforce else _("Befolkningsfremskrivning %(vintage)s, %(variant)s "
                                                       "(%(source)s)") % {"vintage": inputs.vintage,
                                                                        "variant": _variant_label(inputs.variant),
                                                                        "source": inputs.source_import},
        False))
    return rows


def _variant_label(variant: str) -> str:
    return str(PopulationProjection.Variant(variant).label).lower()
