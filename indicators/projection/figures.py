"""The figures a municipality's projection rests on, each with its value and its source ("Tallene bag").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from recruitment.dates import danish_date

from ..models import DataImport, PopulationProjection
from ..projection import Assumption, HiresRule, Inputs, Projection


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

    def own_of(*figures: str) -> str:
        """The year and file of each statistics the figures came from: the base year's, or an earlier year's
        where the base year lacks the figure (Inputs.earlier)."""
        used = sorted({inputs.earlier.get(name, stat) for name in figures}, key=lambda used: -used.year)
        return "; ".join(_("Kommunens personalestatistik %(year)d (%(source)s)") % {
            "year": used.year, "source": source_of(used.data_import)} for used in used)

    own = own_of("paedagoger")

    def default_source(key: str) -> str:
        item = values[key]
        return _("Landstal, brugt da kommunen ikke har tallet: %(label)s = %(value)s (%(source)s)") % {
            "label": item.note or item.label, "value": item.display(), "source": item.source or _("antagelse")}

    def count(value: float) -> str:
        return number_format(round(value, 1), force_grouping=True)

    def percent(share: float) -> str:
        return f"{number_format(round(share * 100, 1))} %"

    rows = [InputRow(_("Pædagoger (personer)"), count(resolved.pedagogues), own, False)]
    rows.append(InputRow(_("Pædagoger over 55 år"), count(resolved.seniors),
                         default_source("seniors-share") if resolved.seniors_default else own_of("paedagoger_over_55"),
                         resolved.seniors_default))
    rows.append(InputRow(_("Andel på under 37 timer"), percent(resolved.part_time_share),
                         default_source("part-time-share") if resolved.part_time_default else
                         own_of("paedagoger_under_37_timer"),
                         resolved.part_time_default))
    rows.append(InputRow(_("Andre fratrædelser om året (andel af pædagogerne under 55)"),
                         percent(resolved.other_leaver_rate),
                         default_source("leaver-rate") if resolved.leaver_rate_default else
                         _("Beregnet: de fratrådte minus en tiendedel af dem over 55, delt med pædagogerne under 55; "
                           "%(source)s") % {"source": own_of("fratraadte", "paedagoger_over_55", "paedagoger")},
                         resolved.leaver_rate_default))
    rows.append(InputRow(_("Nyansatte pædagoger om året"), count(resolved.hires),
                         hires_source(projection, own_of("nyansatte")), resolved.hires_rule == HiresRule.HOLD))
    if resolved.new_graduates is not None:
        rows.append(InputRow(_("– heraf nyuddannede"), count(resolved.new_graduates), own_of("nyuddannede_ansat"),
                             False))
    rows.append(InputRow(_("Ubesatte stillinger (årsværk)"),
                         count(resolved.unfilled) if resolved.unfilled_known else _("ukendt"),
                         own_of("ubesatte_stillinger") if resolved.unfilled_known else
                         _("Kommunens ubesatte stillinger kendes ikke – gabet i dag regnes som 0."),
                         not resolved.unfilled_known))
    share = resolved.pedagogue_share
    rows.append(InputRow(_("Pædagogandel (pædagoger af pædagoger, assistenter og medhjælpere)"),
                         percent(share) if share is not None else _("ukendt"),
                         own_of("paedagogiske_assistenter", "paedagogmedhjaelpere") if share is not None else
                         _("Personalestatistikken mangler assistenter eller "
                                                        "medhjælpere; målet for pædagogandel kan ikke bruges."),
                         share is None))
    first = projection.rows[0]
    rows.append(InputRow(
        _("Børn %(year)d (0–2 / 3–5 år)") % {"year": first.year},
        f"{whole(first.children_0_2)} / {whole(first.children_3_5)}",
        own_of("boern_0_2", "boern_3_5") if resolved.children_from_workforce else
        _("Befolkningsfremskrivning %(vintage)s, %(variant)s (%(source)s)") % {
            "vintage": inputs.vintage, "variant": _variant_label(inputs.variant), "source": inputs.source_import},
        False))
    return rows


def whole(value: float) -> str:
    """Children are whole people."""
    return number_format(round(value), force_grouping=True)


def hires_source(projection: Projection, own: str) -> str:
    """Which rule set the hires, in words."""
    resolved = projection.resolved
    if resolved.hires_rule == HiresRule.STATISTICS:
        return own
    if resolved.hires_rule == HiresRule.TREND and resolved.trend_from is not None:
        return _("Statistikken har ikke nyansatte; beregnet som de ansættelser, der fortsætter udviklingen "
                 "%(first)d–%(last)d: de fratrådte erstattes, og antallet ændres som i gennemsnit om året da.") % {
            "first": resolved.trend_from, "last": projection.base_year}
    return _("Statistikken har hverken nyansatte eller tidligere år; antallet antages at holde sig på dagens "
             "niveau: de fratrådte erstattes.")


def _variant_label(variant: str) -> str:
    return str(PopulationProjection.Variant(variant).label).lower()
