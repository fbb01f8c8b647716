"""What the intervention form tests post: a complete create form (a running supervisor training of Albertslund's),
and the error Django renders next to a field."""

from interventions.models import InterventionType
from recruitment.models import TargetGroup
from tests.pages import find_all

NEW = "/municipalities/165/interventions/new/"


def group_pk(slug: str) -> int:
    return TargetGroup.objects.get(slug=slug).pk


def type_pk(slug: str) -> int:
    return InterventionType.objects.get(slug=slug).pk


def form_data(**overrides) -> dict:
    data = {
        "title": "Uddannelse af praktikvejledere 2025",
        "intervention_type": str(type_pk("supervisor-training")),
        "target_groups": [str(group_pk("students"))],
        "status": "running",
        "start_date": "2025-02-01",
        "end_date": "",
        "partners": "Københavns Professionshøjskole",
        "participants_planned": "12",
        "participants_actual": "10",
        "budget_dkk": "150000",
        "description": "Et modul på 10 ECTS.",
        "results": "",
    }
    data.update(overrides)
    return data


def errors_of(html: str, field: str) -> str:
    """The error list Django renders next to a field (id_<field>_error), or '' when there is none."""
    found = find_all(html, id=f"id_{field}_error")
    return found[0] if found else ""
