"""The data `make loadtest` runs on: the national dataset `make bench` uses and the simulated users, each signed in
beforehand."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from tests.load.config import CHEFS, PASSWORD, ROOT


def build(database_url: str, sessions: Path) -> list[int]:
    """The bench's national dataset and the users, signed in (their session keys written to `sessions`); returns
    the municipality codes."""
    os.environ["BENCH_DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    from tests.bench import bench_pages

    bench_pages.configure()
    started = time.perf_counter()
    interventions = bench_pages.build_dataset()

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from recruitment.models import Membership, Municipality

    municipalities = list(Municipality.objects.order_by("code"))
    password = make_password(PASSWORD)  # hashed once: the same for every simulated user
    users = get_user_model().objects.bulk_create(
        [get_user_model()(username=f"load-chef-{n}", password=password) for n in range(1, CHEFS + 1)]
        + [get_user_model()(username=f"load-editor-{m.code}", password=password) for m in municipalities])
    Membership.objects.bulk_create(
        [Membership(user=user, municipality=municipalities[n % len(municipalities)], role=Membership.Role.VIEWER)
         for n, user in enumerate(users[:CHEFS])]
        + [Membership(user=user, municipality=m, role=Membership.Role.EDITOR)
           for user, m in zip(users[CHEFS:], municipalities, strict=True)])
    print(f"Dataset: 98 municipalities, {interventions} interventions, {len(users)} users "
          f"(built in {time.perf_counter() - started:.0f} s).")
    sessions.write_text(json.dumps(signed_in(users)))
    from django.db import connections

    connections.close_all()
    return [m.code for m in municipalities]


def signed_in(users: list) -> dict[str, str]:
    """A session per user, as logging in makes it: the simulated users start signed in, so that 25 password
    hashes at once (slow on purpose, ~1 s of CPU each) are not measured as the pages' latency. The login's
    own cost is timed in the warm-up."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = {}
    for user in users:
        session = store()
        session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                        HASH_SESSION_KEY: user.get_session_auth_hash()})
        session.create()
        keys[user.username] = session.session_key
    return keys
