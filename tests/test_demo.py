from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count

from indicators.models import Benchmark
from indicators.reference.demo import DEMO_PASSWORD, seed_demo
from interventions.models import Intervention
from recruitment.models import Membership

pytestmark = pytest.mark.django_db


def test_it_creates_the_demo_users_with_their_roles():
    seed_demo()
    users = get_user_model().objects
    assert users.get(username="admin").is_staff
    for username in ["chef", "hr-albertslund", "hr-ishoej", "admin"]:
        assert users.get(username=username).check_password(DEMO_PASSWORD)
    memberships = Membership.objects.select_related("user", "municipality")
    roles = {(m.user.username, m.municipality.code, m.role) for m in memberships}
    assert roles == {("chef", 165, "viewer"), ("hr-albertslund", 165, "editor"), ("hr-ishoej", 183, "editor")}


def test_it_matches_the_eva_adoption_within_five_points_for_every_benchmarked_type():
    seed_demo()
    running = dict(
        Intervention.objects.filter(status=Intervention.Status.RUNNING, intervention_type__isnull=False)
        .values_list("intervention_type__slug").annotate(n=Count("municipality", distinct=True))
    )
    benchmarks = Benchmark.objects.filter(share_pct__isnull=False).select_related("intervention_type")
    assert benchmarks.count() == 33  # 42 types, 9 without a national share
    for benchmark in benchmarks:
        adoption = Decimal(running.get(benchmark.intervention_type.slug, 0) * 100) / 98
        assert abs(adoption - benchmark.share_pct) <= 5, benchmark.intervention_type.slug


def test_it_gives_every_municipality_interventions():
    seed_demo()
    assert Intervention.objects.values("municipality").distinct().count() == 98
    assert Intervention.objects.filter(is_demo=False).count() == 0
    assert Intervention.objects.filter(target_groups__isnull=True).count() == 0


def test_it_is_deterministic_and_does_not_duplicate():
    seed_demo()
    first = list(Intervention.objects.order_by("id").values_list("municipality__code", "title", "status", "start_date"))
    assert seed_demo().already_loaded
    assert Intervention.objects.count() == len(first)
    Intervention.objects.all().delete()
    seed_demo()
    assert list(Intervention.objects.order_by("id").values_list(
        "municipality__code", "title", "status", "start_date")) == first


def test_it_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert Intervention.objects.count() == 0
    call_command("seed_demo", "--force")
    assert Intervention.objects.count() > 0


def test_it_shows_the_demo_banner_only_while_demo_data_is_loaded(client):
    user = get_user_model().objects.create_user("viewer", password="x-secret-123")
    client.force_login(user)
    assert "Demodata" not in client.get("/").content.decode()
    seed_demo()
    assert "Demodata" in client.get("/").content.decode()
