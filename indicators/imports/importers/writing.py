"""The bulk writes every kind uses inside the import's transaction: inserting many rows, deleting keys."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models
from django.utils.translation import gettext as _

from .kind import Key, Progress

BATCH_SIZE = 5000


def insert_rows(model: type[models.Model], fields: list[str], rows: list[tuple], progress: Progress,
                start: int = 85, end: int = 99) -> None:
    """Inserts many rows: PostgreSQL's COPY where there is one, else one prepared statement per batch; for
    tens of thousands of counts the ORM's per-object work (or executemany's round trips on PostgreSQL,
    ten times COPY's time) would cost more than reading the file. Values must be plain Python values."""
    meta = model._meta
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(_column(model, name)) for name in fields)
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        for first in range(0, len(rows), BATCH_SIZE):
            batch = rows[first:first + BATCH_SIZE]
            if connection.vendor == "postgresql":
                # The psycopg 3 cursor under Django's wrapper, in the import's transaction.
                with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(fields))
                cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})", batch)
            done = first + len(batch)
            progress(_("Gemmer række %(done)s af %(total)s") % {"done": f"{done:,}".replace(",", "."),
                                                               "total": f"{len(rows):,}".replace(",", ".")},
                     start + (end - start) * done // max(len(rows), 1))


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column, f"{name} is not a column of {model.__name__}"
    return field.column


def delete_keys(model: type[models.Model], keys: Iterable[Key]) -> None:
    by_year: dict[int, list[int]] = {}
    for year, municipality in keys:
        by_year.setdefault(year, []).append(municipality)
    for year, municipalities in by_year.items():
        delete_rows(model._default_manager.filter(year=year, municipality_id__in=municipalities))


def delete_rows(rows: models.QuerySet) -> None:
    """Deletes in one statement, without loading the rows or sending a signal per row: the import bumps the data
    version once, last (nothing refers to imported rows, so there is nothing to cascade to)."""
    rows._raw_delete(rows.db)
