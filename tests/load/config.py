"""The settings of `make loadtest` (tests/load/run.py): how many users for how long, on how many servers and
workers, and its aims. Each LOADTEST_* variable overrides its default."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
USERS = int(os.environ.get("LOADTEST_USERS", "25"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
# One gunicorn worker per CPU: here the load generator and PostgreSQL share the machine with the app
# (on a machine of its own, gunicorn's usual 2 x CPUs + 1 suits better).
# Two app servers (LOADTEST_SERVERS=2): gunicorn twice on two ports, sharing one Redis started here (unless
# CACHE_BACKEND says otherwise); locust sends each user's requests round-robin over them. The CPUs' workers are
# shared out between them, so one and two servers are compared with as many processes.
SERVERS = int(os.environ.get("LOADTEST_SERVERS", "1"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", str(max(1, (os.cpu_count() or 1) // SERVERS))))
THINK = os.environ.get("LOADTEST_THINK", "0.5,1.5")
RAMP = int(os.environ.get("LOADTEST_RAMP", "10"))
WARM_UP_PAGES = ["/", "/compare/", "/compare/?sammenlign=alle"]
WARM_UP_MUNICIPALITY_PAGES = ["/municipalities/{code}/", "/municipalities/{code}/?planned=1",
                              *(f"/municipalities/{{code}}/pathways/{slug}/"
                                for slug in ("into-education", "through-internship", "stay-in-job")),
                              "/municipalities/{code}/interventions/", "/municipalities/{code}/coverage/panel/"]
CHEFS = 60
PASSWORD = "load-password-1234"
AIM_P95_MS = 300
# The national dataset as built, then with every intervention copied to ten (pages must stay flat).
SCALES = [int(value) for value in os.environ.get("LOADTEST_SCALES", "1,10").split(",")]
