"""`python manage.py import_data <kind> <path> [--dry-run]`: the import page's work from the command line.

Exit codes: 0 imported (or, with --dry-run, the file is fine), 1 a bad file or a failed import (the
database is unchanged), 2 bad usage (unknown kind, no such file).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from indicators.models import DataImport

if TYPE_CHECKING:
    from indicators.imports.importers.base import Analysis

ACTIONS = {"added": "tilføjes", "replaced": "erstattes", "unchanged": "uændret", "removed": "fjernes"}


class Command(BaseCommand):
    help = "Import a practicum-evaluations, workforce, intervention-survey or population-projection file (CSV or XLSX)."
    # No system checks at start: they import every URLconf and so every view (the API's framework, the
    # dashboards' charts), seconds of start-up for a command that uses none of them. `manage.py check`
    # and every server start still run them.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(DataImport.Kind.values), help="The kind of file.")
        parser.add_argument("path", type=Path, help="The CSV or XLSX file.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and show what would change.")

    def handle(self, *args: object, kind: str, path: Path, dry_run: bool, **options: object) -> None:
        # The importers are imported only once there is a file to read: they bring pandas and numpy, which
        # `--help`, a wrong path or a file over the limit need not wait for.
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}", returncode=2)
        size = path.stat().st_size
        if size > settings.IMPORT_MAX_BYTES:
            from indicators.imports.importers.reading import megabytes

            # Said before reading, so a huge file is never loaded into memory.
            limit = megabytes(settings.IMPORT_MAX_BYTES)
            self.stdout.write(f"Filen fylder {megabytes(size)} MB; grænsen er {limit} MB.")
            raise CommandError("Filen er ikke importeret.", returncode=1)
        from indicators.imports import jobs
        from indicators.imports.importers import get_importer
        from indicators.imports.importers.base import analyse

        content = path.read_bytes()
        progress = self._progress
        if dry_run:
            analysis = analyse(get_importer(kind), content, path.name, progress)
            self._report(analysis)
            if not analysis.ok:
                raise self._rejected(analysis)
            self.stdout.write(self.style.SUCCESS("Tørkørsel: filen er i orden; intet er gemt."))
            return
        record = jobs.create(kind, path.name, content, user=None, source=DataImport.Source.COMMAND, keep_file=False)
        analysis = jobs.check(record, content, progress)
        if not analysis.ok:
            self._report(analysis)
            raise self._rejected(analysis)
        try:
            analysis = jobs.run(record, content, progress, checked=analysis)
        except Exception as error:
            raise CommandError(f"Importen fejlede og er rullet tilbage; databasen er uændret ({error}).",
                               returncode=1) from error
        self._report(analysis)
        if record.status != DataImport.Status.SUCCEEDED:
            raise self._rejected(analysis)
        self.stdout.write(self.style.SUCCESS(
            f"Importeret: {record.summary.get('written', 0)} rækker skrevet i databasen (import nr. {record.pk})."))

    def _rejected(self, analysis: Analysis) -> CommandError:
        return CommandError(f"Filen har {analysis.problems.total} problem(er); intet er importeret.", returncode=1)

    def _progress(self, stage: str, percent: int) -> None:
        if stage != getattr(self, "_last_stage", None):
            self._last_stage = stage
            self.stderr.write(f"{percent:3d} % {stage}")
            sys.stderr.flush()

    def _report(self, analysis: Analysis) -> None:
        if not analysis.ok:
            for problem in analysis.problems.sorted():
                self.stdout.write(str(problem))
            hidden = analysis.problems.total - len(analysis.problems.items)
            if hidden:
                self.stdout.write(f"… og {hidden} problemer mere.")
            return
        summary = analysis.summary()
        self.stdout.write(f"Læst: {summary['rows_read']} rækker ({summary['format']}).")
        self.stdout.write(f"Kolonner: {', '.join(summary['columns'])}")
        if summary["ignored_columns"]:
            self.stdout.write(f"Ignorerede kolonner: {', '.join(summary['ignored_columns'])}")
        for item in summary["keys"]:
            self.stdout.write(f"  {item['year']} {item['name']} ({item['code']}): {item['rows']} rækker – "
                              f"{ACTIONS[item['action']]}")
        removed = f", {summary['removed']} fjernes" if summary["removed"] else ""
        self.stdout.write(f"År og kommuner: {summary['added']} tilføjes, {summary['replaced']} erstattes, "
                          f"{summary['unchanged']} uændrede{removed}.")
        if not summary["added"] and not summary["replaced"] and not summary["removed"]:
            self.stdout.write("Filen ændrer ingenting: de samme tal er allerede importeret.")
