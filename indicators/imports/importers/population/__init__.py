"""Population projections: children 0–2 and 3–5 per municipality and year, from a named vintage.

Two shapes are accepted:

    wide  år;kommunekode;børn 0-2;børn 3-5;fremskrivning[;variant]        one row per municipality and year
    long  OMRÅDE;ALDER;TID;INDHOLD[;KØN];fremskrivning[;variant]         Danmarks Statistik's table export:
          one row per municipality × age × year; "0 år" … "5 år" are summed into the two bands, other ages
          and the aggregate areas (Hele landet, regions, landsdele) are skipped; with KØN only "I alt" counts.

The municipality may be a code, a name, or DST's "165 Albertslund". Every row names its vintage in the
`fremskrivning` column (DST's export lacks it: the admin adds it): a file without it is refused, never given
a publisher's name, as a guessed name would replace the vintage of that name. A variant (hoved/lav/høj) is
optional; without it the rows are the main projection.

Re-importing a vintage replaces it: each (year, municipality) the file has is replaced, and the vintage's
rows for years and municipalities the file no longer has are removed. Other vintages stay as they are.

The package: columns.py (headers and cells), shapes.py (the wide and the long shape), importer.py.
"""

from .importer import PopulationProjectionImporter, ProjectionData

__all__ = ["PopulationProjectionImporter", "ProjectionData"]
