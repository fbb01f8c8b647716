"""What each kind's columns mean, for the format pages: one Description per column name of the importer's
`aliases()`. Value lists come from the importers' own modules (the scale, educations, roles, yes/no, variants,
the catalogue's types), so a page cannot offer a value the importer refuses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.models import DataImport, PracticumQuestion, PracticumRole, WorkforceStat
from interventions.models import InterventionType

from ..importers.intervention_survey import NO, YES
from ..importers.practicum.answers import EDUCATION_ALIASES, SCALE, TRAINING, TRAINING_ALIASES

WHOLE = "0"  # the template's number format for whole numbers and years
TEXT = "@"


@dataclass(frozen=True)
class Description:
    meaning: str
    required: str
    value_type: str  # type and unit, and how numbers may be written
    example: str
    allowed: tuple[str, ...] = ()  # the values a cell may hold (one spelling each); empty: any of the type
    header: str = ""  # the template's header, where it differs from the column's name
    number_format: str = TEXT
    offer_list: bool = True  # whether the template offers `allowed` as a list (not where values combine)
    # Whether the template and the example file have the column: not an alternative to another (kommune beside
    # kommunekode; the long form's alder, which would make the importer read the file as the long form).
    in_template: bool = True


INTROS = {
    DataImport.Kind.PRACTICUM_EVALUATIONS: gettext_lazy(
        "Én række pr. besvarelse, som et spørgeskemaværktøj (fx SurveyXact) eksporterer den. Kun antal svar pr. år, "
        "kommune, uddannelse, rolle og spørgsmål gemmes, aldrig den enkelte besvarelse."),
    DataImport.Kind.WORKFORCE: gettext_lazy(
        "Én række pr. kommune og år. En tom celle er et ukendt tal. En ny import af et år og en kommune erstatter "
        "kun de tal, filen har kolonner for."),
    DataImport.Kind.INTERVENTION_SURVEY: gettext_lazy(
        "Én række pr. kommune og år, én kolonne pr. indsatstype (typens kortnavn eller betegnelse som overskrift). "
        "En tom celle betyder nej."),
    DataImport.Kind.POPULATION_PROJECTION: gettext_lazy(
        "Enten den brede form (én række pr. kommune og år med børn 0-2 og 3-5 år) eller Danmarks Statistiks lange "
        "form (én række pr. alder med ALDER og INDHOLD). En ny import af en fremskrivning med samme navn erstatter "
        "den."),
    DataImport.Kind.MUNICIPALITY_GROUPS: gettext_lazy(
        "Én række pr. kommune: hvilken gruppe i en inddeling kommunen er i. En ny import af en inddeling erstatter "
        "den."),
}


def _count(meaning: str, unit: str, example: str, required: str) -> Description:
    return Description(meaning=meaning, required=required, example=example, number_format=WHOLE,
                       value_type=_("helt tal, 0 eller mere (%(unit)s); 1.234 og 1234 læses begge som 1234")
                       % {"unit": unit})


def _alternative(description: Description) -> Description:
    return replace(description, in_template=False)


def _keys(years_to: str) -> dict[str, Description]:
    return {
        "aar": Description(_("Året, tallene gælder for"), _("Ja"), _("årstal med fire cifre, %(span)s")
                           % {"span": years_to}, "2025", header="år", number_format=WHOLE),
        "kommunekode": Description(_("Kommunens officielle kode"), _("Ja, eller kolonnen kommune"),
                                   _("kommunekode, med eller uden foranstillede nuller (fx 165 eller 0165)"),
                                   "165", number_format=WHOLE),
        "kommune": Description(_("Kommunens navn, hvis filen ikke har kommunekode"), _("Kun uden kommunekode"),
                               _("tekst: kommunens navn, med eller uden “Kommune”"), "Albertslund",
                               in_template=False),
    }


def _workforce() -> dict[str, Description]:
    examples = {"boern_0_2": "1.215", "boern_3_5": "1.320"}
    figures = {}
    for name in WorkforceStat.FIGURES:
        children = name.startswith("boern_")
        figures[name] = _count(WorkforceStat.figure_label(name).capitalize(),
                               _("børn") if children else _("personer"), examples.get(name, "45"),
                               _("Mindst én af talkolonnerne"))
    return {**_keys(_("fra 2000 til i år")), **figures}


def _practicum() -> dict[str, Description]:
    scale = tuple(SCALE)
    questions = {question.value: Description(str(question.label), _("Mindst ét spørgsmål eller vejlederuddannelse"),
                                             _("et svar på enighedsskalaen; tom: ikke besvaret"), SCALE[0], scale)
                 for question in PracticumQuestion}
    return {
        **_keys(_("fra 2000 til i år")),
        "uddannelse": Description(_("Den studerendes eller elevens uddannelse"), _("Ja"), _("et af svarene"),
                                  str(EDUCATION_ALIASES[next(iter(EDUCATION_ALIASES))][0]),
                                  tuple(aliases[0] for aliases in EDUCATION_ALIASES.values())),
        "rolle": Description(_("Hvem der har svaret"), _("Ja"), _("et af svarene"), PracticumRole.STUDENT.value,
                             tuple(role.value for role in PracticumRole)),
        **questions,
        TRAINING: Description(_("Vejlederens uddannelse i vejledning (kun vejledere svarer)"), _("Nej"),
                              _("et eller flere af svarene, adskilt af komma; “ingen” står alene"), "",
                              tuple(aliases[0] for aliases in TRAINING_ALIASES.values()), offer_list=False),
    }


def _survey() -> dict[str, Description]:
    types = {slug: Description(label, _("Mindst én indsatstype"), _("ja eller nej; tom betyder nej"), "x",
                               (YES[0], NO[0], "x", "1", "0"))
             for slug, label in InterventionType.objects.order_by("slug").values_list("slug", "label")}
    return {**_keys(_("fra 2000 til i år")), **types}


def _population() -> dict[str, Description]:
    keys = _keys(_("fra 2000 til 2100"))
    keys["aar"] = Description(keys["aar"].meaning, _("Ja"), keys["aar"].value_type, "2026", header="år",
                              number_format=WHOLE)
    keys["kommune"] = Description(_("Kommunens navn eller Danmarks Statistiks område (fx “101 København”); "
                                    "“Hele landet” og regioner springes over"), _("Kun uden kommunekode"),
                                  _("tekst"), "Albertslund", in_template=False)
    wide, long = _("Ja, i den brede form"), _("Ja, i den lange form")
    return {
        **keys,
        "boern_0_2": _count(_("Børn 0–2 år"), _("børn"), "1.215", wide),
        "boern_3_5": _count(_("Børn 3–5 år"), _("børn"), "1.320", wide),
        "alder": Description(_("Alder (rækker med andre aldre end 0–5 år springes over)"), long,
                             _("alder i hele år, fx “0 år” eller 3"), "3 år", in_template=False),
        "antal": _alternative(_count(_("Antal børn på den alder"), _("børn"), "412", long)),
        "koen": Description(_("Køn; findes “I alt”, bruges kun de rækker"), _("Nej"), _("tekst"), "I alt",
                            header="køn", in_template=False),
        "fremskrivning": Description(_("Fremskrivningens navn (en fremskrivning med samme navn erstattes)"),
                                     _("Ja"), _("tekst, højst 100 tegn"), "DST 2025"),
        "variant": Description(_("Fremskrivningens variant; tom: hovedfremskrivning"), _("Nej"), _("et af svarene"),
                               "hoved", ("hoved", "lav", "høj")),
    }


def _groupings() -> dict[str, Description]:
    keys = _keys("")
    return {
        "kommunekode": keys["kommunekode"],
        "kommune": keys["kommune"],
        "gruppe": Description(_("Gruppen, kommunen er i"), _("Ja"), _("tekst, højst 100 tegn"), "Hovedstadskommuner"),
        "inddeling": Description(_("Inddelingens navn; uden kolonnen hører alle rækker til “Importerede "
                                   "kommunegrupper”"), _("Nej"), _("tekst, højst 100 tegn"),
                                 "Danmarks Statistiks kommunegrupper"),
    }


BUILDERS = {
    DataImport.Kind.PRACTICUM_EVALUATIONS: _practicum,
    DataImport.Kind.WORKFORCE: _workforce,
    DataImport.Kind.INTERVENTION_SURVEY: _survey,
    DataImport.Kind.POPULATION_PROJECTION: _population,
    DataImport.Kind.MUNICIPALITY_GROUPS: _groupings,
}


def for_kind(kind: str) -> dict[str, Description]:
    return BUILDERS[DataImport.Kind(kind)]()
