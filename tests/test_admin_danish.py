"""The Django admin in Danish: its header, the third-party apps' names and columns, decimal commas, no social
applications (single sign-on is configured from the environment), and the confirmations and targets with history."""

from datetime import date

import pytest

from interventions.models import NoneRunConfirmation
from recruitment.models import Municipality

pytestmark = pytest.mark.django_db


def test_the_start_page_is_danish_and_lists_no_social_applications(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Administration af rekrutteringsdashboardet" in page
    for english in ("Django administration", "Django site admin", "Access attempts", "Access failures",
                    "Access logs", "Task Results", "Tasks Database Backend", "Social applications",
                    "Sociale applikationer"):
        assert english not in page, english
    for danish in ("Loginforsøg (spærring)", "Adgangsforsøg", "Mislykkede login", "Adgangslog",
                   "Baggrundsopgaver", "Bekræftelser af ingen indsatser", "Mål"):
        assert danish in page, danish
    assert admin_client.get("/admin/socialaccount/socialapp/").status_code == 404


def test_the_task_results_and_the_axes_lists_have_danish_columns(admin_client):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(args_kwargs={"args": [], "kwargs": {}}, task_path="indicators.imports.tasks.check",
                                backend_name="default", run_after=timezone.now(), exception_class_path="",
                                traceback="")
    tasks = admin_client.get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    for column in ("Opgave", "Sat i kø", "Startet", "Afsluttet", "Prioritet", "Kø"):
        assert f">{column}</a>" in tasks or f">{column}</span>" in tasks, column
    assert "Task name" not in tasks and "Enqueued at" not in tasks
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(user_agent="test", ip_address="127.0.0.1", username="nogen", http_accept="*/*",
                                 path_info="/login/", get_data="", post_data="", failures_since_start=1)
    attempts = admin_client.get("/admin/axes/accessattempt/").content.decode()
    assert "IP-adresse" in attempts and "IP Address" not in attempts


def test_the_assumptions_list_shows_decimal_commas_in_every_column(admin_client):
    """The editable value is rendered like the read-only minimum and maximum: with a decimal comma."""
    page = admin_client.get("/admin/indicators/projectionassumption/").content.decode()
    assert 'value="0.' not in page
    assert 'value="0,' in page or 'value="1,' in page


def test_confirmations_and_targets_are_in_the_admin_with_history(admin_client, make_intervention):
    """Ishøj's confirmation (1 November 2026) ends when an intervention is registered: its history page lists
    both entries, and the list shows the end date."""
    ishoej = Municipality.objects.get(code=183)
    confirmation = NoneRunConfirmation.objects.create(municipality=ishoej, confirmed_on=date(2026, 11, 1))
    make_intervention(None, 183, "mentor-scheme", status="running")
    listing = admin_client.get("/admin/interventions/nonerunconfirmation/").content.decode()
    assert "Ishøj" in listing and "1. november 2026" in listing
    history = admin_client.get(f"/admin/interventions/nonerunconfirmation/{confirmation.pk}/history/")
    assert history.status_code == 200
    assert "Kommunen registrerede sin første indsats." in history.content.decode()
    assert admin_client.get("/admin/indicators/target/").status_code == 200


def test_an_admin_can_correct_a_knowledge_contact_with_history(admin_client):
    """Albertslund's contact, named by its editors, shows in the admin's list; a correction is kept in its history."""
    from interventions.models import KnowledgeContact

    contact = KnowledgeContact.objects.create(municipality=Municipality.objects.get(code=165), name="Mette Hansen",
                                              email="mette@albertslund.dk", role="HR-konsulent")
    listing = admin_client.get("/admin/interventions/knowledgecontact/").content.decode()
    assert "Mette Hansen" in listing and "mette@albertslund.dk" in listing
    contact.name = "Mette Holm"
    contact.save()
    history = admin_client.get(f"/admin/interventions/knowledgecontact/{contact.pk}/history/").content.decode()
    assert "Mette Holm" in history and contact.history.count() == 2
