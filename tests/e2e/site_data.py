"""The data the walk's pages need beyond the demo data (tests/e2e/site.py): a target with a history, imports in
every state, an intervention shared with a partner and a contact for knowledge sharing."""

from __future__ import annotations


def target(editor):
    """A target of Albertslund's with a history of two entries, for the targets pages."""
    from indicators.models import Target

    target = Target.objects.create(municipality=editor.memberships.get().municipality, created_by=editor,
                                   indicator=Target.Indicator.COVERAGE_INTERNSHIP, baseline_value=16.7,
                                   baseline_year=2023, target_value=66.7, target_year=2027,
                                   source="Rekrutteringsstrategi 2024–2027, s. 4")
    target.target_value = 60
    target.save()
    return target


def imports(admin) -> dict[str, int]:
    """The sample files imported (so the dashboards show their sections), one waiting for confirmation
    with its preview, one rejected with its problems, one whose worker stopped."""
    from datetime import timedelta

    from django.utils import timezone

    from indicators.imports import jobs
    from indicators.models import DataImport
    from tests.conftest import SAMPLES

    for kind, name in [("practicum-evaluations", "practicum-evaluations.csv"), ("workforce", "workforce.xlsx"),
                       ("intervention-survey", "intervention-survey.csv")]:
        content = (SAMPLES / name).read_bytes()
        record = jobs.create(kind, name, content, admin)
        assert jobs.check(record, content).ok
        jobs.run(record, content)
    preview_content = (SAMPLES / "workforce.xlsx").read_bytes()
    preview = jobs.create("workforce", "personale-2025.xlsx", preview_content, admin)
    jobs.check(preview, preview_content)
    broken = "år;kommunekode;Rolle\n2024;9999;studerende\n20x4;0165;studerende\n".encode()
    rejected = jobs.create("practicum-evaluations", "praktik-med-fejl.csv", broken, admin)
    jobs.check(rejected, broken)
    stopped = jobs.create("intervention-survey", "kortlaegning.csv", b"x", admin)
    DataImport.objects.filter(pk=stopped.pk).update(status=DataImport.Status.IMPORTING, progress=80,
                                                    updated_at=timezone.now() - timedelta(minutes=30))
    return {"preview": preview.pk, "rejected": rejected.pk, "stopped": stopped.pk}


def share_with_ishoej(intervention, editor) -> None:
    """Ishøj as the intervention's partner and Albertslund's contact for knowledge sharing, for the regional page."""
    from interventions.models import KnowledgeContact
    from interventions.partners import set_partners
    from recruitment.models import Municipality

    set_partners(intervention, [Municipality.objects.get(code=183)], intervention.version)
    intervention.refresh_from_db()
    KnowledgeContact.objects.create(municipality=intervention.municipality, name="Mette Madsen (syntetisk)",
                                    role="HR-konsulent", email="mette.madsen@example.org", updated_by=editor)
