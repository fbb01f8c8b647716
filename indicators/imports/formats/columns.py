"""A kind's file format for people, built from the importer itself: every column its `aliases()` accepts, in
that order, with the accepted spellings from there too, and what descriptions.py says of the column (meaning,
required or not, type and unit, allowed values, an example). A column the importer gains without a description
still shows, with its spellings, and tests/test_import_formats.py fails until it is described.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from indicators.models import DataImport

from ..importers import get_importer
from . import descriptions
from .descriptions import Description


@dataclass(frozen=True)
class ColumnFormat:
    name: str  # the importer's own name for the column, always accepted as a header
    aliases: tuple[str, ...]  # the other headers accepted (case, spaces and æ/ae do not matter)
    description: Description | None

    @property
    def header(self) -> str:
        """The header the template writes: the Danish spelling where the name is spelled without æ, ø, å."""
        return self.description.header if self.description and self.description.header else self.name


@dataclass(frozen=True)
class KindFormat:
    kind: str
    label: str
    intro: str
    columns: list[ColumnFormat]

    def template_columns(self) -> list[ColumnFormat]:
        """The columns of the template and the example file: the described ones that are no alternative."""
        return [column for column in self.columns if column.description and column.description.in_template]

    def example_row(self) -> list[str]:
        """One row as a file of this kind could hold it: each template column's example."""
        return [column.description.example for column in self.template_columns() if column.description]


def kind_format(kind: str) -> KindFormat:
    """The format of a kind (a DataImport.Kind value); KeyError for an unknown kind."""
    importer = get_importer(kind)
    described = descriptions.for_kind(kind)
    columns = [ColumnFormat(name=name, aliases=tuple(dict.fromkeys(alias for alias in aliases if alias != name)),
                            description=described.get(name))
               for name, aliases in importer.aliases().items()]
    intro = str(descriptions.INTROS.get(DataImport.Kind(kind), ""))
    return KindFormat(kind=kind, label=str(importer.label), intro=intro, columns=columns)


def header_note() -> str:
    return _("Overskrifterne må stå med store eller små bogstaver og med mellemrum eller bindestreger, og æ, ø "
             "og å må skrives ae, oe og aa. Kolonnernes rækkefølge er ligegyldig, og ukendte kolonner springes over.")
