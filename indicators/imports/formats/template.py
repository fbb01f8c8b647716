"""The files a format page offers: an example CSV (one row as the importer reads it) and an XLSX template (the
header row on the first sheet, which is the one the importer reads; lists to choose answers from, whole-number
checks and number formats on the rows below; the column descriptions on a second sheet).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from recruitment.exports import danish_csv_bytes, new_workbook, workbook_bytes

from .columns import KindFormat
from .descriptions import WHOLE

TEMPLATE_ROWS = 1000  # the rows below the header that carry the lists and checks
LIST_LIMIT = 255  # Excel's limit on a list written into a validation


def example_csv(kind_format: KindFormat) -> bytes:
    """The example row under the template's headers, for Excel set to Danish (semicolons, UTF-8 with BOM)."""
    headers = [column.header for column in kind_format.template_columns()]
    return danish_csv_bytes(headers, [kind_format.example_row()])


def template_xlsx(kind_format: KindFormat) -> bytes:
    workbook = new_workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = _("Data")[:31]
    last = TEMPLATE_ROWS + 1
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           showErrorMessage=True, errorTitle=_("Ikke et helt tal"),
                           error=_("Skriv et helt tal, 0 eller mere."))
    sheet.add_data_validation(whole)
    for position, column in enumerate(kind_format.template_columns(), start=1):
        description = column.description
        assert description is not None
        letter = get_column_letter(position)
        cell = sheet.cell(row=1, column=position, value=column.header)
        cell.font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.header) + 2))
        sheet.column_dimensions[letter].number_format = description.number_format
        cells = f"{letter}2:{letter}{last}"
        choices = ",".join(description.allowed)
        if description.allowed and description.offer_list and len(choices) + 2 <= LIST_LIMIT:
            listed = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True,
                                    errorTitle=_("Ikke et af svarene"),
                                    error=_("Vælg et af svarene på listen."))
            sheet.add_data_validation(listed)
            listed.add(cells)
        elif description.number_format == WHOLE and column.name not in {"aar", "kommunekode"}:
            whole.add(cells)
    sheet.freeze_panes = "A2"
    _guide(workbook.create_sheet(_("Vejledning")[:31]), kind_format)
    return workbook_bytes(workbook)


def _guide(sheet, kind_format: KindFormat) -> None:
    """The columns described, for whoever fills the template in: the importer reads only the first sheet."""
    sheet.append([kind_format.label])
    sheet.append([kind_format.intro])
    sheet.append([])
    heading = [_("Kolonne"), _("Andre stavemåder"), _("Betydning"), _("Skal udfyldes"), _("Type og enhed"),
               _("Gyldige værdier"), _("Eksempel")]
    sheet.append(heading)
    for cell in (sheet[1][0], *sheet[4]):
        cell.font = Font(bold=True)
    for column in kind_format.columns:
        description = column.description
        sheet.append([column.header, ", ".join(column.aliases),
                      *((description.meaning, description.required, description.value_type,
                         ", ".join(description.allowed), description.example) if description else ())])
    for letter, width in zip("ABCDEFG", (24, 40, 50, 24, 40, 40, 20), strict=True):
        sheet.column_dimensions[letter].width = width
