"""The script the cluster runs once (python -c) before the tests: the migrations under deploy/migrate.py's lock,
the reference data, the users and their sessions, an API token and the imports queued for the workers. It prints
one line, "SETUP " and a JSON object of what the tests need."""

SETUP = """
import importlib.util, json, os, sys
from datetime import timedelta
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.settings")
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

PASSWORD, CODE, IMPORTS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

# The servers start at the same time and migrate (deploy/start.sh): one at a time, under deploy/migrate.py's lock.
spec = importlib.util.spec_from_file_location("deploy_migrate", os.path.join("deploy", "migrate.py"))
deploy_migrate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(deploy_migrate)
deploy_migrate.migrate()
call_command("load_reference_data", verbosity=0)

from api.models import ApiToken
from indicators.imports import jobs, tasks
from interventions.models import InterventionType
from recruitment.models import Membership, Municipality

User = get_user_model()
# Wrong passwords are checked against a hash of few iterations: the lockout costs no seconds of PBKDF2 per try.
hasher = PBKDF2PasswordHasher()
quick = hasher.encode(PASSWORD, hasher.salt(), iterations=1000)
albertslund = Municipality.objects.get(code=CODE)


def user(name, role=None, **extra):
    made = User.objects.create(username=name, password=quick, **extra)
    if role:
        Membership.objects.create(user=made, municipality=albertslund, role=role)
    return made


def session(made):
    store = SessionStore()
    store.update({SESSION_KEY: str(made.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[-1],
                  HASH_SESSION_KEY: made.get_session_auth_hash()})
    store.create()
    return store.session_key


user("hr-login", Membership.Role.EDITOR)
user("hr-locked", Membership.Role.EDITOR)
editor = user("hr-two", Membership.Role.EDITOR)
chef = user("chef-two", Membership.Role.VIEWER)
admin = user("admin-two", is_staff=True, is_superuser=True)
_, token = ApiToken.issue(chef, "two servers", days=1)

kind = InterventionType.objects.select_related("target_group").order_by("pk").first()
renamed = InterventionType.objects.select_related("target_group__pathway").order_by("-pk").first()

# One survey answer file per municipality, checked and confirmed, queued to run only when the test releases them
# (run_after), so that both workers are running when they become due.
slugs = list(InterventionType.objects.order_by("position", "pk").values_list("slug", flat=True))
codes = list(Municipality.objects.exclude(code=CODE).order_by("code").values_list("code", flat=True))[:IMPORTS]
imports = []
for n, municipality in enumerate(codes):
    text = ",".join(["år", "kommunekode", *slugs]) + "\\n" + ",".join(
        ["2024", f"{municipality:04d}", *["x" if (i + n) % 3 == 0 else "" for i in range(len(slugs))]]) + "\\n"
    record = jobs.create("intervention-survey", f"kortlaegning-{municipality}.csv", text.encode(), admin)
    assert jobs.check(record, text.encode()).ok
    assert jobs.confirm(record)
    result = tasks.run_import.using(run_after=timezone.now() + timedelta(days=1)).enqueue(record.pk)
    record.__class__.objects.filter(pk=record.pk).update(task_id=str(result.id)[:64])
    imports.append(record.pk)

print("SETUP " + json.dumps({
    "sessions": {"editor": session(editor), "chef": session(chef), "admin": session(admin)},
    "token": token, "kind": kind.pk, "kind_group": kind.target_group_id,
    "renamed": renamed.pk, "renamed_label": renamed.label, "renamed_pathway": renamed.target_group.pathway.slug,
    "imports": imports, "answers_per_import": len(slugs),
}))
"""
