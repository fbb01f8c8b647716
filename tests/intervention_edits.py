"""What the intervention history tests start from and post: the planned mentor scheme they change, the edit form's
data for an intervention, and the header htmx sends."""

from __future__ import annotations

HTMX = {"HX-Request": "true"}


def edit_data(intervention, **overrides) -> dict:
    data = {"title": intervention.title, "intervention_type": str(intervention.intervention_type_id or ""),
            "target_groups": [str(g.pk) for g in intervention.target_groups.all()], "status": intervention.status,
            "start_date": str(intervention.start_date or ""), "end_date": "", "partners": "",
            "participants_planned": "", "participants_actual": "", "budget_dkk": "", "description": "",
            "results": "", "version": str(intervention.version)}
    data.update(overrides)
    return data


def mentor_scheme(make_intervention, editor_a):
    """A planned "Mentorordning" of Albertslund's (editor_a's municipality), for new graduates."""
    return make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorordning")
