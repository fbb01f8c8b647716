"""Scaling out (README, "Running in production"): two app servers on one Redis and one PostgreSQL, as a national
deployment runs them behind a load balancer, with two background workers.

Everything is real and separate: a redis-server started here (a unix socket, nothing saved), two gunicorn servers
started at once through deploy/start.sh on two ports (one worker process each), two workers (`task_worker`) through
deploy/worker.sh, all on a fresh database on the PostgreSQL server DATABASE_URL points at (dropped afterwards). A
person's browser keeps its cookies for 127.0.0.1 whichever port answers, as one behind a load balancer does.
What must hold across servers:

- a write through one server shows on the other's next page (interventions created, edited and deleted, an admin's
  change of the catalogue);
- a session made on one works on the other, and a logout on one ends it on the other;
- the API's rate limit is counted once for both (30 a minute lets 30 through, not 60);
- a lockout after wrong passwords on one holds on the other;
- 20 imports queued while both workers run are each run exactly once;
- a server killed (SIGKILL, all its processes) under load: the other answers every request, and nothing the killed
  one was writing remains half-written.

With the local-memory cache the throttle check fails (each process counts its own); with DiskCache (one server's
folder) the logout check fails too. recruitment/checks.py warns of both in `check --deploy`.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from tests.two_servers.browser import Browser, form_fields
from tests.two_servers.cluster import (
    API_LIMIT,
    CODE,
    FAILURE_LIMIT,
    IMPORTS,
    PASSWORD,
    REDIS_SERVER,
    SUITE_URL,
    Cluster,
    running_cluster,
)
from tests.two_servers.load import Load, intervention_form

pytestmark = [
    pytest.mark.processes,
    pytest.mark.xdist_group("two-servers"),  # one cluster for the module's tests
    # CI installs it (.ci/run), and there a missing one is a failure, not a skip.
    pytest.mark.skipif(REDIS_SERVER is None and not os.environ.get("CI"),
                       reason="redis-server is not installed (apt-get install redis-server)"),
    pytest.mark.skipif(not SUITE_URL.startswith(("postgres://", "postgresql://")),
                       reason="needs DATABASE_URL pointing at a PostgreSQL server (CI sets it; see .ci/run)"),
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with running_cluster() as started:
        yield started


def _intervention(cluster: Cluster, title: str) -> tuple[int, int]:
    [(pk, version)] = cluster.sql("SELECT id, version FROM interventions_intervention WHERE title = %s", title)
    return pk, version


# --- The checks --------------------------------------------------------------------------------------------------

def test_a_write_through_one_server_shows_on_the_others_next_page(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    editor = Browser(cluster.data["sessions"]["editor"])
    # Pages are read by someone else: the editor's next page names what was saved in its message, whichever
    # server sends it (the message travels in a cookie).
    reader = Browser(cluster.data["sessions"]["chef"])
    listing = f"/municipalities/{CODE}/interventions/"
    pathway = f"/municipalities/{CODE}/pathways/{cluster.data['renamed_pathway']}/"
    for server in (a, b):  # each server has rendered (and the cache holds) the pages before the writes
        for path in (listing, pathway):
            assert reader.get(server, path).status == 200, cluster.logs()

    created = editor.post(a, f"/municipalities/{CODE}/interventions/new/", intervention_form(cluster, "Oprettet på A"))
    assert created.status == 302, created.body[-2000:]
    assert "Oprettet på A" in reader.get(b, listing).body

    created = editor.post(b, f"/municipalities/{CODE}/interventions/new/", intervention_form(cluster, "Oprettet på B"))
    assert created.status == 302, created.body[-2000:]
    assert "Oprettet på B" in reader.get(a, listing).body

    pk, version = _intervention(cluster, "Oprettet på A")
    edited = editor.post(a, f"/interventions/{pk}/edit/",
                         intervention_form(cluster, "Rettet på A", version=str(version), participants_actual="12"))
    assert edited.status == 302, edited.body[-2000:]
    page = reader.get(b, listing).body
    assert "Rettet på A" in page and "Oprettet på A" not in page

    pk, version = _intervention(cluster, "Oprettet på B")
    deleted = editor.post(b, f"/interventions/{pk}/delete/", {"version": str(version)})
    assert deleted.status == 302, deleted.body[-2000:]
    assert "Oprettet på B" not in reader.get(a, listing).body

    # The admin changes reference data (a catalogue type's label) on A; B's pathway page shows it.
    admin = Browser(cluster.data["sessions"]["admin"])
    change = f"/admin/interventions/interventiontype/{cluster.data['renamed']}/change/"
    form = admin.get(a, change)
    assert form.status == 200
    new_label = cluster.data["renamed_label"] + " – rettet på A"
    fields = [(k, new_label if k == "label" else v) for k, v in form_fields(form.body, "interventiontype_form")
              if k != "csrfmiddlewaretoken"]
    saved = admin.post(a, change, [*fields, ("_save", "Gem")])
    assert saved.status == 302, saved.body[-3000:]
    assert new_label in reader.get(b, pathway).body


def test_a_session_made_on_one_server_works_on_the_other_and_a_logout_ends_it_there(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    browser = Browser()
    page = f"/municipalities/{CODE}/"
    assert browser.get(b, page).status == 302  # not signed in
    login = browser.post(a, "/accounts/login/", {"username": "hr-login", "password": PASSWORD})
    assert login.status == 302, login.body[-2000:]
    session = browser.session
    assert session
    assert browser.get(b, page).status == 200
    assert browser.post(a, "/accounts/logout/", {}).status == 302
    answer = browser.get(b, page)
    assert answer.status == 302 and "/accounts/login/" in answer.location
    # Nor does the key the session had, sent again (a copied cookie): the session is gone for both.
    answer = Browser(session).get(b, page)
    assert answer.status == 302 and "/accounts/login/" in answer.location


def test_the_api_rate_limit_is_counted_once_for_both_servers(cluster):
    servers = [cluster.server("a"), cluster.server("b")]
    headers = {"Authorization": f"Bearer {cluster.data['token']}"}
    statuses = [Browser().get(servers[n % 2], "/api/v1/regions/", headers).status for n in range(2 * API_LIMIT + 10)]
    assert statuses.count(200) == API_LIMIT, statuses
    assert statuses.count(429) == API_LIMIT + 10, statuses


def test_a_lockout_after_wrong_passwords_on_one_server_holds_on_the_other(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    browser = Browser()
    for _ in range(FAILURE_LIMIT):
        browser.post(a, "/accounts/login/", {"username": "hr-locked", "password": "wrong-password"})
    answer = browser.post(b, "/accounts/login/", {"username": "hr-locked", "password": PASSWORD})
    assert answer.status == 429, answer.body[-2000:]
    assert browser.session is None


def test_imports_queued_while_two_workers_run_each_run_exactly_once(cluster):
    running = {"worker-1", "worker-2"}
    cluster.wait_for("both workers connected", lambda: running <= {name for (name,) in cluster.sql(
        "SELECT application_name FROM pg_stat_activity WHERE datname = current_database()")})
    pks = cluster.data["imports"]
    cluster.sql("UPDATE django_tasks_database_dbtaskresult SET run_after = now() WHERE task_path LIKE %s",
                "%run_import")
    cluster.wait_for(f"{IMPORTS} imports done", lambda: cluster.sql(
        "SELECT count(*) FROM indicators_dataimport WHERE id = ANY(%s) AND status IN ('succeeded', 'failed')",
        pks)[0][0] == IMPORTS, timeout=120)
    results = cluster.sql("SELECT status, worker_ids, return_value FROM django_tasks_database_dbtaskresult "
                          "WHERE task_path LIKE %s", "%run_import")
    assert len(results) == IMPORTS
    assert {(status, len(workers), value) for status, workers, value in results} == \
        {("SUCCESSFUL", 1, "succeeded")}, results
    assert {workers[0] for _, workers, _ in results} <= running
    per_import = cluster.sql("SELECT data_import_id, count(*) FROM indicators_interventionsurveyanswer "
                             "WHERE data_import_id = ANY(%s) GROUP BY data_import_id", pks)
    assert sorted(per_import) == [(pk, cluster.data["answers_per_import"]) for pk in sorted(pks)]
    assert cluster.sql("SELECT count(*) FROM (SELECT 1 FROM indicators_interventionsurveyanswer GROUP BY year, "
                       "municipality_id, intervention_type_id HAVING count(*) > 1) AS twice")[0][0] == 0


def test_a_server_killed_under_load_leaves_the_other_answering_and_nothing_half_written(cluster):
    a, b = cluster.server("a"), cluster.server("b")
    load = Load(cluster)
    threads = [threading.Thread(target=target, args=(name,), daemon=True)
               for name in ("a", "b") for target in (load.read, load.write)]
    for thread in threads:
        thread.start()
    try:
        cluster.wait_for("reads and saves answered on both servers", lambda: load.saved("a") >= 2 and load.saved(
            "b") >= 1 and load.succeeded("a") >= 6 and load.succeeded("b") >= 6, timeout=60)
        a.kill(signal.SIGKILL)  # the master and its workers at once, mid-request: a host gone
        a.popen.wait(timeout=15)
        killed = time.monotonic()
        cluster.wait_for("B answering after A was killed", lambda: load.succeeded("b", since=killed) >= 12 and
                         load.saved("b", since=killed) >= 2, timeout=60)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=70)
    failed_on_b = [(path, outcome) for _, path, outcome in load.answers["b"] if outcome not in (200, 302)]
    assert failed_on_b == []
    assert any(at >= killed and outcome not in (200, 302) for at, _, outcome in load.answers["a"]) or \
        not [at for at, _, _ in load.answers["a"] if at >= killed], "A still answered after it was killed"

    # PostgreSQL ends the killed server's connections, rolling back what they had begun.
    cluster.wait_for("the killed server's connections gone", lambda: not cluster.sql(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'server-a'"), timeout=30)
    rows = cluster.sql(
        "SELECT i.title, (SELECT count(*) FROM interventions_intervention_target_groups g WHERE g.intervention_id = "
        "i.id), (SELECT count(*) FROM interventions_historicalintervention h WHERE h.id = i.id AND "
        "h.history_type = '+') FROM interventions_intervention i WHERE i.title LIKE 'Under last %%'")
    stored = {title: (groups, history) for title, groups, history in rows}
    assert {title: whole for title, whole in stored.items() if whole != (1, 1)} == {}, "half-written interventions"
    answered = {title for name in ("a", "b") for _, title in load.created[name]}
    assert answered <= set(stored), "a save answered as done is missing"
    # B shows the last intervention A committed.
    pk, title = cluster.sql("SELECT id, title FROM interventions_intervention WHERE title LIKE 'Under last A-%%' "
                            "ORDER BY id DESC LIMIT 1")[0]
    assert title in Browser(cluster.data["sessions"]["chef"]).get(b, f"/interventions/{pk}/").body
