"""The intervention list as a spreadsheet (CSV or Excel), with the list's filters applied.

The rows go through recruitment.exports like every other download, so a title or a note typed as
`=HYPERLINK(…)` arrives in the spreadsheet as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from recruitment import exports
from recruitment.models import Municipality

from .models import Intervention

FORMATS = ("csv", "xlsx")


def columns() -> list[str]:
    return [_("Titel"), _("Indsatstype (EVA's katalog)"), _("Målgrupper"), _("Status"), _("Startdato"),
            _("Slutdato"), _("Samarbejdspartnere"), _("Planlagte deltagere"), _("Faktiske deltagere"),
            _("Budget (kr.)"), _("Beskrivelse"), _("Resultater"), _("Kommune"), _("Kommunekode"), _("Kilde")]


def rows(interventions: Iterable[Intervention], municipality: Municipality) -> list[list[exports.Cell]]:
    source = _("Kommunens egne registreringer i Pædagoger nok")
    return [
        [i.title, i.intervention_type.label if i.intervention_type else "",
         ", ".join(group.name for group in i.target_groups.all()), i.get_status_display(), i.start_date, i.end_date,
         i.partners, i.participants_planned, i.participants_actual, i.budget_dkk, i.description, i.results,
         municipality.name, municipality.code, source]
        for i in interventions
    ]


def download(fmt: str, interventions: Iterable[Intervention], municipality: Municipality,
             page_url: str = "") -> HttpResponse:
    """CSV for Excel set to Danish (semicolons, decimal commas), or XLSX with a sheet about the numbers."""
    if fmt not in FORMATS:
        raise Http404(_("Ukendt filformat."))
    name = f"indsatser-{municipality.code}-{timezone.localdate().isoformat()}"
    table = rows(interventions, municipality)
    if fmt == "xlsx":
        about: list[tuple[exports.Cell, exports.Cell]] = [
            (_("Tabel"), _("Indsatser i %(name)s") % {"name": municipality.name}),
            (_("Kilde"), _("Kommunens egne registreringer i Pædagoger nok")),
            (_("Hentet"), timezone.now()), (_("Side"), page_url)]
        return exports.xlsx_response(columns(), table, f"{name}.xlsx", _("Indsatser"), about)
    return exports.danish_csv_response(columns(), table, f"{name}.csv")
