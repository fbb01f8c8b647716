"""Logs an operator can read: one line per event, a refused request without a traceback, an
error with exactly one. Read from the console handler the settings configure, as an operator would."""

import io
import logging

import pytest
from django.test import Client

from indicators.dashboards import compare

pytestmark = pytest.mark.django_db


@pytest.fixture
def console():
    """What the configured console handler writes, for the duration of the test."""
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    written = io.StringIO()
    previous = handler.setStream(written)
    yield written
    handler.setStream(previous)


@pytest.mark.parametrize("debug", [False, True])
def test_a_worker_line_is_written_once(console, settings, debug):
    settings.DEBUG = debug  # make run starts the worker with DEBUG on
    tasks_logger = logging.getLogger("django.tasks")
    level = tasks_logger.level
    tasks_logger.setLevel(logging.INFO)  # as db_worker does at verbosity 1
    try:
        tasks_logger.info("Task id=%s state=RUNNING", "abc")
    finally:
        tasks_logger.setLevel(level)
    lines = console.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].endswith("INFO django.tasks: Task id=abc state=RUNNING")


@pytest.mark.parametrize("debug", [False, True])
def test_a_refused_request_is_one_line_without_a_traceback(console, settings, chef_client, debug):
    settings.DEBUG = debug
    assert chef_client.get("/imports/").status_code == 403
    lines = console.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].endswith("WARNING django.request: Forbidden (Permission denied): /imports/")


def test_a_page_not_found_is_one_line(console, chef_client):
    assert chef_client.get("/municipalities/999/").status_code == 404
    lines = console.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].endswith("WARNING django.request: Not Found: /municipalities/999/")


def test_an_error_is_logged_once_with_its_traceback(console, chef, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the compare page broke")

    monkeypatch.setattr(compare, "compare_page", broken)
    client = Client(raise_request_exception=False)
    client.force_login(chef)
    assert client.get("/compare/").status_code == 500
    text = console.getvalue()
    assert text.count("ERROR django.request: Internal Server Error: /compare/") == 1
    assert text.count("Traceback (most recent call last)") == 1
    assert "RuntimeError: the compare page broke" in text
