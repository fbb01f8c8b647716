"""What the practicum-evaluation import tests upload: respondent rows of Albertslund (students and supervisors) and
one of Ishøj, and the imported counts as a snapshot to compare before and after."""

from indicators.models import PracticumEvaluationCount, SupervisorTrainingCount

KIND = "practicum-evaluations"

HEADER = ["år", "kommunekode", "uddannelse", "rolle", "vende_tilbage", "anbefale", "vejleder_kendskab",
          "vejlederuddannelse"]
ROWS = [
    ["2024", "0165", "pædagog", "studerende", "Helt enig", "Helt enig", "", ""],
    ["2024", "0165", "pædagog", "studerende", "Delvist enig", "Ved ikke", "", ""],
    ["2024", "0165", "pædagog", "studerende", "Helt uenig", "", "", ""],
    ["2024", "0165", "pædagog", "studerende", "Ved ikke", "Delvist uenig", "", ""],
    ["2024", "0165", "pædagog", "vejleder", "", "", "Helt enig", "formel, internt kursus"],
    ["2024", "0165", "pædagog", "vejleder", "", "", "Hverken enig eller uenig", "ingen"],
    ["2024", "183", "lærer", "studerende", "Delvist enig", "Helt enig", "", ""],
]


def snapshot() -> tuple:
    return (sorted(PracticumEvaluationCount.objects.values_list("pk", "year", "municipality_id", "question",
                                                                "helt_enig", "data_import_id")),
            sorted(SupervisorTrainingCount.objects.values_list("pk", "answered", "data_import_id")))
