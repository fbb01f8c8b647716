"""What an import kind is: the Importer interface each module in importers/ implements, and what its parse gives
(Parsed). Keys are (year, municipality id): what a file replaces, all or nothing per key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from .reading import Table
from .validation import Columns, MunicipalityLookup, Problems, missing_key_columns

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from indicators.models import DataImport

Key = tuple[int, int]  # (year, municipality id)
Progress = Callable[[str, int], None]  # (what is happening, percent done)


def no_progress(stage: str, percent: int) -> None:
    pass


class Parsed:
    """An importer's checked, normalized content of a file: what the database should hold per key."""

    def content_by_key(self) -> Mapping[Key, Hashable]:
        raise NotImplementedError

    def rows_by_key(self) -> dict[Key, int]:
        raise NotImplementedError

    def details(self) -> dict[str, Any]:
        return {}


class Importer:
    """One kind of file. Subclasses name their columns and implement parse, stored_content and write."""

    kind: ClassVar[str]
    label: ClassVar[StrOrPromise]
    # Whether a problem may quote a cell: not for respondent-level files, whose rows are never stored.
    quotes_cells: ClassVar[bool] = True

    def aliases(self) -> dict[str, tuple[str, ...]]:
        raise NotImplementedError

    def parse(self, table: Table, columns: Columns, problems: Problems,
              municipalities: MunicipalityLookup) -> Parsed | None:
        raise NotImplementedError

    def stored_content(self, keys: Iterable[Key], parsed: Parsed) -> dict[Key, Hashable]:
        """What the database holds now for these keys, comparable with Parsed.content_by_key()."""
        raise NotImplementedError

    def write(self, parsed: Parsed, keys: set[Key], data_import: DataImport, progress: Progress) -> int:
        """Replaces the keys' data with the file's; returns the number of database rows written."""
        raise NotImplementedError

    def removed_keys(self, parsed: Parsed, keys: Iterable[Key]) -> set[Key]:
        """Stored keys the file's data set replaces although the file lacks them (a projection vintage
        re-imported with fewer years); they are removed. Other kinds replace only the keys they contain."""
        return set()

    def missing_columns(self, columns: Columns) -> list[str]:
        """The key columns the file lacks: year and municipality, unless the kind has no year."""
        return missing_key_columns(columns)

    def column_labels(self) -> dict[str, str]:
        """People's names for columns whose header is a short code (a survey's `udfordrende_opgaver`), for
        the preview; columns not named here are shown by their header."""
        return {}

    def signature(self) -> set[str]:
        """The columns (beyond year and municipality) that tell this kind of file from the others."""
        return set(self.aliases()) - {"aar", "kommunekode", "kommune"}

