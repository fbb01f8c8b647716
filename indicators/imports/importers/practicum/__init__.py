"""Practicum evaluations: one row per completed evaluation, as a survey tool such as SurveyXact exports it.

Columns: år, kommunekode (or kommune), uddannelse, rolle, then any of the question columns (by slug or
by the full Danish question text) answered on the agreement scale, and vejlederuddannelse for
supervisors (formel, internt kursus, ingen; a supervisor may name more than one). Only counts per
year, municipality, education, role, question and answer are stored, never a respondent's row. A file
replaces the counts of every (year, municipality) it contains and leaves all others as they were.

The package: answers.py (what a file may say), counts.py (respondents' rows to counts), importer.py (the
importer).
"""

from .counts import PracticumData
from .importer import PracticumImporter

__all__ = ["PracticumData", "PracticumImporter"]
