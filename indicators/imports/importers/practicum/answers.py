"""What a practicum evaluation file may say: educations, roles, the questions, the agreement scale and the
supervisors' training, each with the spellings survey tools use.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from indicators.models import Education, PracticumQuestion, PracticumRole

from ..validation import compact

EDUCATIONS = list(Education)
ROLES = list(PracticumRole)
QUESTIONS = list(PracticumQuestion)

EDUCATION_ALIASES = {
    Education.PAEDAGOG: ("pædagog", "pædagoger", "pædagoguddannelsen", "pædagogstuderende"),
    Education.LAERER: ("lærer", "lærere", "læreruddannelsen", "lærerstuderende"),
    Education.SYGEPLEJERSKE: ("sygeplejerske", "sygeplejersker", "sygeplejerskeuddannelsen",
                              "sygeplejerskestuderende"),
    Education.SOCIALRAADGIVER: ("socialrådgiver", "socialrådgivere", "socialrådgiveruddannelsen"),
    Education.SOSU_ASSISTENT: ("sosu-assistent", "social- og sundhedsassistent", "SSA"),
    Education.SOSU_HJAELPER: ("sosu-hjælper", "social- og sundhedshjælper", "SSH"),
    Education.PAU: ("pau", "pædagogisk assistent", "pædagogisk assistentuddannelse"),
}
ROLE_ALIASES = {
    PracticumRole.STUDENT: ("studerende", "student"),
    PracticumRole.APPRENTICE: ("elev", "elever"),
    PracticumRole.SUPERVISOR: ("vejleder", "vejledere", "praktikvejleder", "oplæringsvejleder"),
}
# The agreement scale, in the order of PracticumEvaluationCount.ANSWER_FIELDS.
SCALE = ("Helt enig", "Delvist enig", "Hverken enig eller uenig", "Delvist uenig", "Helt uenig", "Ved ikke")
SCALE_ALIASES = {
    0: ("helt enig",),
    1: ("delvist enig", "delvis enig"),
    2: ("hverken enig eller uenig", "hverken eller", "hverken/eller", "hverken enig el. uenig"),
    3: ("delvist uenig", "delvis uenig"),
    4: ("helt uenig",),
    5: ("ved ikke", "ved ikke/ikke relevant"),
}
QUESTION_ALIASES = {
    PracticumQuestion.RETURN: ("Jeg vil gerne vende tilbage i fremtidig ansættelse",),
    PracticumQuestion.RECOMMEND: ("Jeg vil anbefale praktikstedet til andre",),
    PracticumQuestion.UNDERSTANDING: ("Praktikstedet har øget min forståelse for fagområdet",
                                      "Praktikstedet har øget min forståelse for mit arbejdsområde"),
    PracticumQuestion.CHALLENGING_TASKS: ("Fagligt udfordrende opgaver kendetegnede mit praktikforløb",),
    PracticumQuestion.LACKED_TASKS: ("Jeg manglede arbejdsopgaver i mit praktikforløb", "Jeg manglede arbejdsopgaver"),
    PracticumQuestion.USE_LEARNING: ("Jeg kunne bruge det lærte på uddannelsesinstitutionen i praktikken",
                                     "Jeg kunne bruge det lærte"),
    PracticumQuestion.SUPPORT_TO_APPLY: ("Jeg fik støtte til at anvende det lærte",),
    PracticumQuestion.SHARED_TASK: ("Praktikforløb er noget, man er fælles om på arbejdspladsen",),
    PracticumQuestion.SUPERVISOR_KNOWLEDGE: ("Jeg havde tilstrækkeligt kendskab til uddannelsesforløbene",),
}
TRAINING = "vejlederuddannelse"
TRAINING_HEADERS = ("uddannelse i vejledning", "vejleders uddannelse", "Hvilken uddannelse har du i vejledning")
# Supervisors' training as bits, so "formel, internt kursus" is one value.
FORMAL, INTERNAL, NO_TRAINING = 1, 2, 4
TRAINING_ALIASES = {
    FORMAL: ("formel", "formel uddannelse", "formel uddannelse i vejledning", "diplommodul"),
    INTERNAL: ("internt kursus", "internt", "intern", "internt kursus i vejledning"),
    NO_TRAINING: ("ingen", "ingen uddannelse", "ingen uddannelse i vejledning"),
}
TRAINING_SEPARATORS = (";", ",", "/", "+", "|", " og ")


def training_bits(text: str) -> int:
    lookup = {compact(alias): bit for bit, aliases in TRAINING_ALIASES.items() for alias in aliases}
    parts = [text]
    for separator in TRAINING_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    bits = 0
    for part in (part.strip() for part in parts):
        if not part:
            continue
        if compact(part) not in lookup:
            raise ValueError(_("“%(value)s” er ikke et gyldigt svar (mulige: formel, internt kursus, ingen; "
                               "flere adskilt af komma).") % {"value": part})
        bits |= lookup[compact(part)]
    if bits & NO_TRAINING and bits != NO_TRAINING:
        raise ValueError(_("“ingen” kan ikke kombineres med andre svar (“%(value)s”).") % {"value": text})
    return bits
