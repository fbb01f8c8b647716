"""What a file of each import kind looks like, for people: its columns as the importers define them (names,
accepted spellings, required or not, type and unit, allowed values, an example) and the files made from that
description (an example CSV, an XLSX template with lists to choose from).

The package: columns.py (ColumnFormat, KindFormat: the description, built from each importer's own aliases and
value lists), template.py (the example CSV and the XLSX template). The format page lives in imports/views.py.
"""

from .columns import ColumnFormat, KindFormat, kind_format
from .template import example_csv, template_xlsx

__all__ = ["ColumnFormat", "KindFormat", "example_csv", "kind_format", "template_xlsx"]
