"""The app keeps its promises when things go wrong: a clean Danish page, no traceback, and it recovers."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.test import Client

from indicators.dashboards import compare


def _fail(execute, sql, params, many, context):
    raise OperationalError("disk I/O error")


@pytest.fixture
def dropping_compare(monkeypatch):
    """The compare page loses its database connection once, after the session has been read.

    On PostgreSQL the server really ends the connection (pg_terminate_backend from a second connection),
    so the request's next query meets a dead socket. SQLite has no server to lose; there the request's
    later queries fail with the error a lost database file gives, through Django's hook around queries.
    """
    original = compare.compare_page
    failing = []

    def compare_page(*args, **kwargs):
        if not failing:
            failing.append(True)
            if connection.vendor == "postgresql":
                import psycopg

                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    pid = cursor.fetchone()[0]
                with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
                    other.execute("SELECT pg_terminate_backend(%s)", [pid])
            else:
                with connection.execute_wrapper(_fail):
                    return original(*args, **kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(compare, "compare_page", compare_page)


@pytest.mark.django_db(transaction=True)
def test_it_answers_a_dropped_database_connection_with_a_clean_danish_page_and_recovers(chef, dropping_compare,
                                                                                         caplog):
    browser = Client(raise_request_exception=False)  # as a browser: the answer, not the exception
    browser.force_login(chef)

    response = browser.get("/compare/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert 'lang="da"' in html
    assert "Databasen svarer ikke lige nu" in html and "intet af det, du har gemt, er gået tabt" in html
    for leak in ["Traceback", "OperationalError", "terminating connection", "disk I/O", 'File "', "SELECT"]:
        assert leak not in html, leak
    assert any(record.levelname == "ERROR" and record.name == "django.request" for record in caplog.records)

    again = browser.get("/compare/")  # the next request gets a fresh connection
    assert again.status_code == 200
    assert "Sammenlign" in again.content.decode()


@pytest.mark.django_db
def test_it_answers_any_other_error_with_the_danish_500_page_without_a_traceback(chef, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail from deep inside")

    monkeypatch.setattr(compare, "compare_page", broken)
    browser = Client(raise_request_exception=False)
    browser.force_login(chef)
    response = browser.get("/compare/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl" in html and 'lang="da"' in html
    assert "secret detail" not in html and "Traceback" not in html and "RuntimeError" not in html
