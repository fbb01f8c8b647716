"""The admin's import pages: upload, preview, confirm or cancel, and the list of past imports."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from indicators.imports import jobs
from indicators.models import DataImport, ImportUpload, PracticumEvaluationCount
from tests.conftest import SAMPLES, csv_bytes

pytestmark = pytest.mark.django_db
GOOD = csv_bytes([["år", "kommunekode", "uddannelse", "rolle", "vende_tilbage"],
                  *[["2024", "0165", "pædagog", "studerende", "Helt enig"]] * 6])
BROKEN = csv_bytes([["år", "kommunekode", "uddannelse", "rolle", "vende_tilbage"],
                    ["2024", "165", "pædagog", "studerende", "Helt enig"],
                    ["2024", "999", "pædagog", "studerende", "Ja tak"]])


def _upload(client, content: bytes = GOOD, kind: str = "practicum-evaluations", name: str = "evalueringer.csv"):
    return client.post("/imports/upload/", {"kind": kind, "file": SimpleUploadedFile(name, content)})


def test_it_shows_admins_the_upload_form_and_the_sample_files(admin_client):
    response = admin_client.get("/imports/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Upload en fil" in page and 'enctype="multipart/form-data"' in page
    assert "/imports/samples/practicum-evaluations/" in page
    assert "Der er ikke importeret noget endnu." in page


@pytest.mark.parametrize("url", ["/imports/", "/imports/1/", "/imports/samples/workforce/"])
def test_it_forbids_everyone_but_admins(client, chef, editor_a, url):
    DataImport.objects.create(pk=1, kind="workforce", file_name="a.csv", sha256="0" * 64, size_bytes=1)
    for user in (chef, editor_a):
        client.force_login(user)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ["/imports/upload/", "/imports/1/confirm/", "/imports/1/cancel/", "/imports/1/retry/"])
def test_it_forbids_non_admins_to_post(client, editor_a, url):
    record = DataImport.objects.create(pk=1, kind="workforce", file_name="a.csv", sha256="0" * 64, size_bytes=1,
                                       status=DataImport.Status.READY)
    client.force_login(editor_a)
    assert client.post(url).status_code == 403
    record.refresh_from_db()
    assert record.status == DataImport.Status.READY


def test_it_checks_an_upload_and_shows_the_preview_before_saving_anything(admin_client, admin_user):
    response = _upload(admin_client)
    record = DataImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{record.pk}/"
    assert record.status == DataImport.Status.READY
    assert (record.uploaded_by, record.file_name, record.rows_read) == (admin_user, "evalueringer.csv", 6)
    page = admin_client.get(response["Location"]).content.decode()
    assert "Klar til import" in page
    assert "År og kommuner: 1 tilføjes, 0 erstattes, 0 uændrede." in page
    assert "Albertslund" in page and "tilføjes" in page
    # The columns by their human names, with the file's header.
    assert "Jeg vil gerne vende tilbage i fremtidig ansættelse (vende_tilbage)" in page
    assert "Bekræft import" in page and "Annullér" in page
    assert PracticumEvaluationCount.objects.count() == 0  # nothing saved before the admin confirms


def test_it_imports_when_the_admin_confirms(admin_client):
    _upload(admin_client)
    record = DataImport.objects.get()
    response = admin_client.post(f"/imports/{record.pk}/confirm/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == DataImport.Status.SUCCEEDED
    assert PracticumEvaluationCount.objects.get().helt_enig == 6
    assert not ImportUpload.objects.exists()  # the respondent rows are gone
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "1 år og kommuner tilføjet, 0 erstattet og 0 uændrede (1 rækker gemt)" in page
    # A finished import says what it did, not what it will do, and leads to the dashboard it changed.
    assert "År og kommuner: 1 tilføjet, 0 erstattet, 0 uændrede." in page and "tilføjes" not in page
    assert re.search(r'<a href="/municipalities/165/">se dashboardet<span class="visually-hidden">: Albertslund', page)


def test_it_imports_only_once_when_confirmed_twice(admin_client):
    _upload(admin_client)
    record = DataImport.objects.get()
    admin_client.post(f"/imports/{record.pk}/confirm/")
    response = admin_client.post(f"/imports/{record.pk}/confirm/", follow=True)
    assert "Importen kan ikke bekræftes nu (status: Importeret)." in response.content.decode()
    assert PracticumEvaluationCount.objects.get().helt_enig == 6


def test_it_cancels_a_preview_and_deletes_the_file(admin_client):
    _upload(admin_client)
    record = DataImport.objects.get()
    response = admin_client.post(f"/imports/{record.pk}/cancel/", follow=True)
    assert "Importen er annulleret. Intet er ændret, og filen er slettet." in response.content.decode()
    record.refresh_from_db()
    assert record.status == DataImport.Status.CANCELLED
    assert not ImportUpload.objects.exists() and not PracticumEvaluationCount.objects.exists()
    assert admin_client.post(f"/imports/{record.pk}/confirm/").status_code == 302
    assert not PracticumEvaluationCount.objects.exists()


def test_it_lists_every_problem_of_a_broken_file_and_imports_nothing(admin_client):
    _upload(admin_client, BROKEN)
    record = DataImport.objects.get()
    assert record.status == DataImport.Status.REJECTED
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "Filen har 2 problemer. Intet er importeret." in page
    assert "<td class=\"num\">3</td><td>kommunekode</td><td>Ukendt kommunekode 999.</td>" in page
    assert "<td class=\"num\">3</td><td>vende_tilbage</td>" in page
    assert "Bekræft import" not in page
    assert not PracticumEvaluationCount.objects.exists() and not ImportUpload.objects.exists()


def test_it_refuses_a_file_over_the_size_limit_without_storing_it(admin_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = _upload(admin_client)
    assert response.status_code == 400
    assert "grænsen er 0,0 MB" in response.content.decode()
    assert not DataImport.objects.exists()


def test_it_refuses_an_empty_file_in_danish(admin_client):
    response = _upload(admin_client, b"")
    assert response.status_code == 400
    assert "Filen er tom." in response.content.decode()


def test_it_says_an_identical_file_changes_nothing(admin_client):
    _upload(admin_client)
    first = DataImport.objects.get()
    admin_client.post(f"/imports/{first.pk}/confirm/")
    response = _upload(admin_client)
    page = admin_client.get(response["Location"]).content.decode()
    assert "Filen ændrer ingenting" in page
    assert f"En identisk fil (samme SHA-256) er importeret før, i import nr. {first.pk}." in page
    assert DataImport.objects.filter(sha256=first.sha256).count() == 2


def test_it_renders_only_the_status_for_htmx(admin_client):
    _upload(admin_client)
    record = DataImport.objects.get()
    response = admin_client.get(f"/imports/{record.pk}/", headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="import-status"')
    assert "<html" not in page


def test_it_polls_while_the_import_waits_and_stops_when_done(admin_client):
    record = jobs.create("workforce", "a.csv", b"x", None)
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page and f'href="/imports/{record.pk}/"' in page
    assert '<progress max="100" value="0"' in page
    DataImport.objects.filter(pk=record.pk).update(status=DataImport.Status.CANCELLED)
    page = admin_client.get(f"/imports/{record.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert "every 1s" not in page


def test_it_hints_at_the_worker_when_an_upload_waits(admin_client, settings):
    record = jobs.create("workforce", "a.csv", b"x", None)
    assert "db_worker" not in admin_client.get(f"/imports/{record.pk}/").content.decode()
    DataImport.objects.filter(pk=record.pk).update(updated_at=timezone.now() - timedelta(minutes=1))
    assert "db_worker" in admin_client.get(f"/imports/{record.pk}/").content.decode()


def test_it_offers_to_retry_an_import_whose_worker_died(admin_client):
    content = GOOD
    record = jobs.create("practicum-evaluations", "a.csv", content, None)
    DataImport.objects.filter(pk=record.pk).update(status=DataImport.Status.IMPORTING,
                                                   updated_at=timezone.now() - timedelta(hours=1))
    page = admin_client.get(f"/imports/{record.pk}/").content.decode()
    assert "baggrundsprocessen er formentlig stoppet" in page and "Prøv igen" in page
    admin_client.post(f"/imports/{record.pk}/retry/")
    record.refresh_from_db()
    assert record.status == DataImport.Status.SUCCEEDED
    assert PracticumEvaluationCount.objects.get().helt_enig == 6


def test_it_lists_past_imports_with_who_when_file_hash_kind_rows_and_result(admin_client, admin_user):
    _upload(admin_client)
    admin_client.post(f"/imports/{DataImport.objects.get().pk}/confirm/")
    _upload(admin_client, BROKEN, name="rettet.csv")
    page = admin_client.get("/imports/").content.decode()
    good, broken = DataImport.objects.order_by("pk")
    for text in ["admin-test", "evalueringer.csv", good.sha256, "Praktikevalueringer", "Importeret",
                 "1 tilføjet, 0 erstattet", "rettet.csv", broken.sha256, "Afvist – fejl i filen", "2 problemer"]:
        assert text in page


def test_it_lists_past_imports_with_the_same_number_of_queries(admin_client, admin_user, django_assert_num_queries):
    def make(count: int) -> None:
        for index in range(count):
            DataImport.objects.create(kind="workforce", file_name=f"{index}.csv", sha256="a" * 64, size_bytes=1,
                                      uploaded_by=admin_user, status=DataImport.Status.SUCCEEDED, rows_read=3)

    make(2)
    with django_assert_num_queries(6) as few:
        admin_client.get("/imports/")
    make(20)
    with django_assert_num_queries(len(few.captured_queries)):
        admin_client.get("/imports/")


def test_it_pages_the_history_with_htmx(admin_client, admin_user):
    for index in range(30):
        DataImport.objects.create(kind="workforce", file_name=f"fil-{index}.csv", sha256="a" * 64, size_bytes=1)
    page = admin_client.get("/imports/?page=2", headers={"HX-Request": "true"}).content.decode()
    assert page.lstrip().startswith('<section id="history"')
    assert "fil-0.csv" in page and "fil-29.csv" not in page
    assert 'href="?page=1"' in page


def test_it_serves_the_sample_files(admin_client):
    response = admin_client.get("/imports/samples/workforce/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (SAMPLES / "workforce.xlsx").read_bytes()
    assert admin_client.get("/imports/samples/other/").status_code == 404


def test_it_shows_the_import_link_to_admins_only(admin_client, chef_client):
    assert 'href="/imports/"' in admin_client.get("/").content.decode()
    assert 'href="/imports/"' not in chef_client.get("/").content.decode()


def test_it_cancels_previews_left_unconfirmed_for_a_day_and_deletes_their_files(admin_client):
    _upload(admin_client)
    old = DataImport.objects.get()
    DataImport.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=2))
    _upload(admin_client, name="ny.csv")
    old.refresh_from_db()
    assert old.status == DataImport.Status.CANCELLED
    assert list(ImportUpload.objects.values_list("data_import__file_name", flat=True)) == ["ny.csv"]
