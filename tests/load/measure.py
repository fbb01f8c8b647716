"""What `make loadtest` measures on a running server: the warm-up (the login's cost and every page seen once),
locust's run, and the table of requests per second, medians and 95th percentiles against the aims."""

from __future__ import annotations

import csv
import json
import math
import os
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.load.config import (
    AIM_P95_MS,
    BIN,
    PASSWORD,
    RAMP,
    ROOT,
    SECONDS,
    SERVERS,
    THINK,
    USERS,
    WARM_UP_MUNICIPALITY_PAGES,
    WARM_UP_PAGES,
    WORKERS,
)


def warm_up(base: str, codes: list[int], sessions: Path) -> float:
    """Logs in once (returns how long that took), then asks for every page the simulated users ask for, once,
    two at a time (the steady state: each page has been seen since the data last changed nationally); prints
    what those first visits took, as they cost more than the pages served from the cache. The comparison
    marks the user's own municipality and opens on the choice they made last, so each head of daycare who may
    take part sees theirs, both ways round."""
    import http.cookiejar
    import re
    import statistics
    from concurrent.futures import ThreadPoolExecutor

    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    browser.open(base + "/accounts/login/", timeout=30).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = urllib.parse.urlencode({"username": "load-chef-1", "password": PASSWORD,
                                   "csrfmiddlewaretoken": token}).encode()
    started = time.perf_counter()
    landing = browser.open(base + "/accounts/login/", data=form, timeout=30).read().decode()
    login_seconds = time.perf_counter() - started
    assert not re.search(r'name="password"', landing), "the warm-up user could not log in"

    def first_visit(path: str, session: str | None = None) -> float:
        """As the warm-up user, or as the simulated user whose session key is given."""
        started = time.perf_counter()
        if session is None:
            browser.open(base + path, timeout=120).read()
        else:
            urllib.request.urlopen(urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"}),
                                   timeout=120).read()
        return time.perf_counter() - started

    def chef_visits(session: str) -> list[float]:
        # The second round with "all" remembered.
        return [first_visit(path, session) for path in ["/compare/", "/compare/?sammenlign=alle"] * 2]

    paths = WARM_UP_PAGES + [page.format(code=code) for code in codes for page in WARM_UP_MUNICIPALITY_PAGES]
    chefs = [key for name, key in json.loads(sessions.read_text()).items()
             if name.startswith("load-chef-") and int(name.rsplit("-", 1)[1]) <= USERS]
    with ThreadPoolExecutor(WORKERS) as pool:
        seconds = list(pool.map(first_visit, paths))
        seconds = sorted(seconds + [t for times in pool.map(chef_visits, chefs) for t in times])
    print(f"Warm-up: {len(seconds)} pages seen once, median {statistics.median(seconds) * 1000:.0f} ms, "
          f"95th percentile {seconds[int(len(seconds) * 0.95)] * 1000:.0f} ms ({WORKERS} at a time).", flush=True)
    return login_seconds


def _number(value: str) -> float:
    return float("nan") if value in {"", "N/A"} else float(value)  # locust writes N/A for a step it never timed


def report(stats_csv: Path, login_seconds: float) -> int:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    for row in rows:
        for key in ("Requests/s", "Median Response Time", "95%"):
            row[key] = _number(row[key])
    pages = [row for row in rows if row["Name"] != "Aggregated"]
    total = next(row for row in rows if row["Name"] == "Aggregated")
    print(f"\n{'page':36} {'requests':>9} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} {'errors':>7}")
    for row in sorted(pages, key=lambda r: -int(r["Request Count"])):
        print(f"{row['Name']:36} {int(row['Request Count']):9d} {row['Requests/s']:7.1f} "
              f"{row['Median Response Time']:10.0f} {row['95%']:8.0f} {int(row['Failure Count']):7d}")
    errors = int(total["Failure Count"])
    print(f"{'all requests':36} {int(total['Request Count']):9d} {total['Requests/s']:7.1f} "
          f"{total['Median Response Time']:10.0f} {total['95%']:8.0f} {errors:7d}")
    worst = max(pages, key=lambda r: float("inf") if math.isnan(r["95%"]) else r["95%"])
    servers = f"{SERVERS} servers x {WORKERS}" if SERVERS > 1 else str(WORKERS)
    print(f"\n{USERS} users for {SECONDS} s (after {RAMP} s of them arriving), {servers} gunicorn workers on "
          f"{os.cpu_count()} CPUs, {THINK.replace(',', '–')} s between a user's requests.")
    print(f"Logging in takes {login_seconds * 1000:.0f} ms on an idle server: the password hash, slow on purpose.")
    print(f"Aims: zero errors – {'ok' if errors == 0 else f'missed ({errors})'}; "
          f"95th percentile under {AIM_P95_MS} ms on every page – "
          f"{'ok' if worst['95%'] < AIM_P95_MS else 'missed'} (slowest: {worst['Name']}, "
          f"{worst['95%']:.0f} ms).")
    return 1 if errors else 0


def locust(bases: list[str], codes: list[int], folder: Path, login_seconds: float) -> int:
    base = bases[0]
    folder.mkdir()
    locust_env = {**os.environ, "LOADTEST_CODES": ",".join(map(str, codes)), "LOADTEST_THINK": THINK,
                  "LOADTEST_SESSIONS": str(folder.parent / "sessions.json"), "LOADTEST_HOSTS": ",".join(bases)}
    log = folder / "locust.log"
    with log.open("w") as output:
        finished = subprocess.run(
            [BIN / "locust", "-f", ROOT / "tests" / "load" / "locustfile.py", "--headless", "--host", base,
             "--users", str(USERS), "--spawn-rate", f"{USERS / RAMP:g}", "--run-time", f"{SECONDS + RAMP}s",
             "--reset-stats", "--stop-timeout", "5", "--csv", folder / "stats", "--only-summary",
             "--loglevel", "WARNING", "--exit-code-on-error", "0"],
            cwd=ROOT, env=locust_env, timeout=SECONDS + 120, stdout=output, stderr=subprocess.STDOUT)
    if finished.returncode != 0 or "Traceback" in log.read_text():
        print(log.read_text()[-3000:])
        return finished.returncode or 1
    return report(folder / "stats_stats.csv", login_seconds)
