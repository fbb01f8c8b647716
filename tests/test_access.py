"""Who may do what: login everywhere but the public pages, then every URL × every kind of user × GET and POST
against one table, with refused requests changing nothing; every URL × every kind of user × odd values in each
query parameter it reads, with no 500; forged writes and CSRF on the intervention forms."""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC = {"healthz", "login", "accessibility", "openid_connect_login", "openid_connect_callback"}
SAMPLE_KWARGS = {"code": 165, "pk": 1, "id": 1, "pathway": "into-education", "slug": "into-education",
                 "provider_id": "albertslund", "kind": "workforce"}


def _named_patterns(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # the admin guards itself with its own login (tested below)
            yield from _named_patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, prefix + str(pattern.pattern)


def _sample_url(route: str) -> str:
    url = "/" + route
    for key, value in SAMPLE_KWARGS.items():
        for converter in ["int", "str", "slug", ""]:
            token = f"<{converter}:{key}>" if converter else f"<{key}>"
            url = url.replace(token, str(value))
    assert "<" not in url, f"add a sample value for {route}"
    return url


def test_it_requires_login_on_every_page_but_the_public_ones(client):
    checked = 0
    for name, route in _named_patterns(get_resolver()):
        if name in PUBLIC:
            continue
        url = _sample_url(route)
        response = client.get(url)
        if route.startswith("api/v1/") and name != "docs":
            # A program, not a person: the API answers 401 and asks for a token instead of sending to a form.
            assert response.status_code == 401, url
            assert response["WWW-Authenticate"] == "Bearer", url
        else:
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/"), url
        checked += 1
    assert checked >= 2


def test_it_sends_anonymous_admin_visitors_to_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_login_lands_on_the_own_municipality_and_without_one_on_the_overview(client, chef, admin_user):
    client.post("/accounts/login/", {"username": "chef-test", "password": "test-password-1234"})
    response = client.get("/start/")
    assert response.status_code == 302 and response["Location"] == "/municipalities/165/"
    assert client.get("/").status_code == 200  # the overview stays open to her
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "admin-test", "password": "test-password-1234"})
    assert client.get("/start/")["Location"] == "/"


def test_a_login_with_a_next_page_goes_there(client, chef):
    response = client.post("/accounts/login/?next=/compare/",
                           {"username": "chef-test", "password": "test-password-1234", "next": "/compare/"})
    assert response["Location"] == "/compare/"


def test_it_serves_the_login_page_without_login(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()


def test_it_answers_health_checks_without_login_and_with_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_it_logs_in_and_out(client, chef):
    response = client.post("/accounts/login/", {"username": "chef-test", "password": "test-password-1234"})
    assert response.status_code == 302 and response["Location"] == "/start/"
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_it_rejects_a_wrong_password_in_danish(client, chef):
    response = client.post("/accounts/login/", {"username": "chef-test", "password": "wrong"})
    assert response.status_code == 200
    assert "Indtast venligst korrekt brugernavn og adgangskode" in response.content.decode()


# --- Every URL × every kind of user × GET and POST -------------------------------------------------
#
# The table names every URL pattern in the project. The test walks the patterns from the URL resolver,
# so a new page without a line here fails until someone decides who may see it.

LOGIN = "login"  # sent to the login page
ADMIN_LOGIN = "admin-login"  # sent to the admin's own login page
ROLES = ["anonymous", "viewer", "editor", "other_editor", "admin"]


def _everyone(get: int | str, post: int | str) -> dict[str, tuple[int | str, int | str]]:
    return dict.fromkeys(ROLES, (get, post))


def _signed_in(get: int | str, post: int | str) -> dict[str, tuple[int | str, int | str]]:
    return {"anonymous": (LOGIN, LOGIN), **dict.fromkeys(ROLES[1:], (get, post))}


READ = _signed_in(200, 405)  # every signed-in user reads every dashboard; nothing to post
API = {"anonymous": (401, 401), **dict.fromkeys(ROLES[1:], (200, 405))}  # the same, for programs: 401, not a form
EDIT = {"anonymous": (LOGIN, LOGIN), "viewer": (403, 403), "editor": (200, 200), "other_editor": (403, 403),
        "admin": (200, 200)}  # the municipality's editors and the admins; an empty form comes back with errors
ADMIN_ONLY = {"anonymous": (LOGIN, LOGIN), "viewer": (403, 403), "editor": (403, 403), "other_editor": (403, 403),
              "admin": (200, 200)}

# name: (sample URL, {role: (GET, POST)}). {running} is an Albertslund intervention, {deleted} a deleted one.
EXPECTED_ACCESS: dict[str, tuple[str, dict[str, tuple[int | str, int | str]]]] = {
    "healthz": ("/healthz", _everyone(200, 405)),
    "accessibility": ("/tilgaengelighed/", _everyone(200, 405)),
    "login": ("/accounts/login/", {"anonymous": (200, 200), **dict.fromkeys(ROLES[1:], (302, 302))}),
    # Single sign-on starts without login; with no provider configured (as here) there is nothing to start.
    # tests/test_sso.py walks them against a real provider.
    "openid_connect_login": ("/accounts/oidc/albertslund/login/", _everyone(404, 404)),
    "openid_connect_callback": ("/accounts/oidc/albertslund/login/callback/", _everyone(404, 404)),
    "home": ("/", READ),
    "landing": ("/start/", _signed_in(302, 405)),  # on to the own municipality or the overview
    "municipality-detail": ("/municipalities/165/", READ),
    "municipality-brief": ("/municipalities/165/brief.pdf?afsnit=verdicts", READ),
    "pathway-detail": ("/municipalities/165/pathways/through-internship/", READ),
    "coverage-csv": ("/municipalities/165/coverage.csv", READ),
    "coverage-panel": ("/municipalities/165/coverage/panel/", READ),
    "coverage-history": ("/municipalities/165/coverage/history/", READ),
    "compare": ("/compare/", READ),
    "municipality-projection": ("/municipalities/165/projection/", READ),
    "similar-municipalities": ("/municipalities/165/similar/", READ),
    "projection-csv": ("/municipalities/165/projection.csv", READ),
    "region-projection": ("/regions/1084/projection/", READ),
    "national-projection": ("/projection/", READ),
    "region-detail": ("/regions/hovedstaden/", READ),
    "region-slides": ("/regions/hovedstaden/slides.pptx", READ),
    "municipality-slides": ("/municipalities/165/slides.pptx", READ),
    "national-chart-csv": ("/national/charts.csv?csv=national-into-education", READ),
    "intervention-list": ("/municipalities/165/interventions/", READ),
    "target-list": ("/municipalities/165/targets/", READ),
    "target-create": ("/municipalities/165/targets/new/", EDIT),
    "target-edit": ("/municipalities/165/targets/{target}/edit/", EDIT),
    "intervention-detail": ("/interventions/{running}/", READ),
    "intervention-create": ("/municipalities/165/interventions/new/", EDIT),
    "intervention-edit": ("/interventions/{running}/edit/", EDIT),
    # Only the owner's editors set the partners (tests/test_partners.py: a partner's editors get 403 too); an empty
    # form lacks its version and comes back with the error.
    "intervention-partners": ("/interventions/{running}/partners/", EDIT),
    # An empty form names no contact: nothing to remove, back to the list.
    "knowledge-contact": ("/municipalities/165/knowledge-contact/", {**EDIT, "editor": (200, 302),
                                                                      "admin": (200, 302)}),
    # "We run none of these": an editor's POST without an action changes nothing and goes back to the list.
    "none-run-confirmation": ("/municipalities/165/interventions/none-run/", {
        "anonymous": (LOGIN, LOGIN), "viewer": (405, 403), "editor": (405, 302), "other_editor": (405, 403),
        "admin": (405, 302)}),
    # A version that was never current: the editor's POST gets the "changed meanwhile" page, nothing is deleted.
    "intervention-delete": ("/interventions/{running}/delete/", EDIT),
    "intervention-restore": ("/interventions/{deleted}/restore/", {**ADMIN_ONLY, **{
        role: (405, 403) for role in ["viewer", "editor", "other_editor"]}, "admin": (405, 302)}),
    # The admin's data imports. {import} is a rejected import: confirming, cancelling or retrying it is
    # refused with a message (a redirect to its page), so the walk changes nothing.
    "import-list": ("/imports/", {**ADMIN_ONLY, **{role: (403, 405) for role in ["viewer", "editor", "other_editor"]},
                                  "admin": (200, 405)}),
    "import-upload": ("/imports/upload/", {**ADMIN_ONLY, **{role: (405, 403) for role in
                                                             ["viewer", "editor", "other_editor"]},
                                           "admin": (405, 400)}),  # an empty upload: the form with its errors
    "import-sample": ("/imports/samples/practicum-evaluations/", {
        **ADMIN_ONLY, **{role: (403, 405) for role in ["viewer", "editor", "other_editor"]}, "admin": (200, 405)}),
    "import-format": ("/imports/formater/workforce/", {
        **ADMIN_ONLY, **{role: (403, 405) for role in ["viewer", "editor", "other_editor"]}, "admin": (200, 405)}),
    "import-format-csv": ("/imports/formater/workforce/eksempel.csv", {
        **ADMIN_ONLY, **{role: (403, 405) for role in ["viewer", "editor", "other_editor"]}, "admin": (200, 405)}),
    "import-format-xlsx": ("/imports/formater/practicum-evaluations/skabelon.xlsx", {
        **ADMIN_ONLY, **{role: (403, 405) for role in ["viewer", "editor", "other_editor"]}, "admin": (200, 405)}),
    "import-detail": ("/imports/{import}/", {**ADMIN_ONLY, **{role: (403, 405) for role in
                                                              ["viewer", "editor", "other_editor"]},
                                             "admin": (200, 405)}),
    "import-confirm": ("/imports/{import}/confirm/", {
        **ADMIN_ONLY, **{role: (405, 403) for role in ["viewer", "editor", "other_editor"]}, "admin": (405, 302)}),
    "import-cancel": ("/imports/{import}/cancel/", {
        **ADMIN_ONLY, **{role: (405, 403) for role in ["viewer", "editor", "other_editor"]}, "admin": (405, 302)}),
    "import-retry": ("/imports/{import}/retry/", {
        **ADMIN_ONLY, **{role: (405, 403) for role in ["viewer", "editor", "other_editor"]}, "admin": (405, 302)}),
    # The read API: what every signed-in user reads on the pages (tests/test_api.py covers tokens).
    "api:schema": ("/api/v1/openapi.json", API),
    "api:docs": ("/api/v1/docs/", READ),
    "api:regions": ("/api/v1/regions/", API),
    "api:region": ("/api/v1/regions/hovedstaden/", API),
    "api:coverage-all": ("/api/v1/coverage/", API),
    "api:targets": ("/api/v1/municipalities/165/targets/", API),
    "api:municipalities": ("/api/v1/municipalities/", API),
    "api:coverage": ("/api/v1/municipalities/165/coverage/", API),
    "api:practicum": ("/api/v1/municipalities/165/practicum/", API),
    "api:supervisor-training": ("/api/v1/municipalities/165/supervisor-training/", API),
    "api:projection": ("/api/v1/municipalities/165/projection/", API),
    "api:pathways": ("/api/v1/pathways/", API),
    "api:catalogue": ("/api/v1/catalogue/", API),
    "api:interventions": ("/api/v1/interventions/", API),
    "api:workforce": ("/api/v1/workforce/", API),
    # Everyone's own profile; an empty form comes back with its errors and makes no token.
    "api:profile": ("/profil/", _signed_in(200, 200)),
    # {token} is the editor's own token: only the editor may revoke it, for anyone else it does not exist.
    "api:token-revoke": ("/profil/tokens/{token}/revoke/", {
        "anonymous": (LOGIN, LOGIN), **dict.fromkeys(["viewer", "other_editor", "admin"], (405, 404)),
        "editor": (405, 302)}),
    "logout": ("/accounts/logout/", _signed_in(405, LOGIN)),  # last: it signs the user out
}
POST_DATA = {"intervention-delete": {"version": "999999"}}


def _app_patterns(resolver: URLResolver, prefix: str = ""):
    """(name, route) of every named pattern, the admin's included, with its namespace."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            for name, route in _app_patterns(pattern, prefix + str(pattern.pattern)):
                yield namespace + name, route
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern.name, prefix + str(pattern.pattern)


def _admin_url(name: str, route: str) -> str:
    """A real URL for an admin pattern: the first object of the model, or a harmless sample."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from interventions.models import Intervention

    if name == "admin:app_list":
        return "/admin/interventions/"
    if name == "admin:view_on_site":
        intervention = Intervention.objects.order_by("pk").first()
        return f"/admin/r/{ContentType.objects.get_for_model(Intervention).pk}/{intervention.pk}/"
    if name == "admin:interventions_intervention_simple_history":
        record = Intervention.history.order_by("history_id").first()
        return f"/admin/interventions/intervention/{record.id}/history/{record.history_id}/"
    if name in ("admin:indicators_target_simple_history", "admin:interventions_nonerunconfirmation_simple_history",
                "admin:interventions_knowledgecontact_simple_history"):
        _, app_label, model_name = route.split("/")[:3]
        history = apps.get_model(app_label, model_name).history.order_by("history_id").first()
        ids = (history.id, history.history_id) if history is not None else (1, 1)
        return f"/admin/{app_label}/{model_name}/{ids[0]}/history/{ids[1]}/"
    url = "/" + route
    if "<" in url:
        _, app_label, model_name = route.split("/")[:3]  # admin/<app_label>/<model_name>/…
        model = apps.get_model(app_label, model_name)
        first = model.objects.order_by("pk").first()
        sample = str(first.pk) if first is not None else "1"
        url = url.replace("<path:object_id>", sample).replace("<id>", sample)
    assert "<" not in url and "^" not in url, f"add a sample URL for {name} ({route})"
    return url


@pytest.fixture
def access_users(chef, editor_a, editor_b, admin_user):
    return {"anonymous": None, "viewer": chef, "editor": editor_a, "other_editor": editor_b, "admin": admin_user}


@pytest.fixture
def access_objects(make_intervention, editor_a):
    running = make_intervention(editor_a, type_slug="supervisor-training", status="running",
                                start_date=date(2025, 1, 1), title="Praktikvejledere")
    gone = make_intervention(editor_a, type_slug="mentor-scheme", status="planned", title="Mentorer")
    gone_pk = gone.pk
    gone.delete_checked(editor_a, gone.version)
    from indicators.models import DataImport

    rejected = DataImport.objects.create(kind=DataImport.Kind.WORKFORCE, file_name="personale.xlsx", sha256="0" * 64,
                                         size_bytes=10, status=DataImport.Status.REJECTED)
    # Albertslund's workforce statistics and projection, so its projection and CSV have something to show.
    from indicators.models import PopulationProjection, WorkforceStat

    WorkforceStat.objects.create(year=2025, municipality_id=editor_a.memberships.get().municipality_id, paedagoger=100,
                                 data_import=rejected)
    PopulationProjection.objects.bulk_create([PopulationProjection(
        vintage="DST 2025", year=year, municipality_id=editor_a.memberships.get().municipality_id, children_0_2=300,
        children_3_5=600, data_import=rejected) for year in range(2025, 2036)])
    from api.models import ApiToken

    token, _secret = ApiToken.issue(editor_a, "Power BI", 30)
    from indicators.models import Target

    target = Target.objects.create(municipality_id=editor_a.memberships.get().municipality_id,
                                   indicator=Target.Indicator.COVERAGE_INTERNSHIP, baseline_value=20,
                                   baseline_year=2024, target_value=50, target_year=2027, source="Strategi")
    # Aalborg runs none (the admin's list of confirmations and its history have a row to show).
    from interventions.models import NoneRunConfirmation
    from recruitment.models import Municipality

    NoneRunConfirmation.objects.create(municipality=Municipality.objects.get(code=851), confirmed_on=date(2026, 11, 1))
    # Albertslund's contact for knowledge sharing (the admin's list and its history have a row to show).
    from interventions.models import KnowledgeContact

    KnowledgeContact.objects.create(municipality_id=editor_a.memberships.get().municipality_id, name="Mette Hansen",
                                    email="mette@albertslund.dk", role="HR-konsulent")
    return {"running": running.pk, "deleted": gone_pk, "import": rejected.pk, "token": token.pk, "target": target.pk}


def _log_in(client, user) -> None:
    """The client as the role's user; the anonymous role stays logged out."""
    if user is not None:
        client.force_login(user)


def _outcome(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
    return response.status_code


def _state() -> tuple:
    from django.contrib.auth import get_user_model

    from api.models import ApiToken
    from indicators.models import DataImport, Target
    from interventions.models import Intervention
    from recruitment.models import Membership

    return (list(Intervention.objects.order_by("pk").values_list("pk", "title", "status", "version")),
            list(Target.objects.order_by("pk").values_list("pk", "target_value", "version")),
            Intervention.history.count(), get_user_model().objects.count(), Membership.objects.count(),
            list(DataImport.objects.order_by("pk").values_list("pk", "status")),
            list(ApiToken.objects.order_by("pk").values_list("pk", "revoked_at")))


@pytest.mark.parametrize("role", ROLES)
def test_it_gives_every_kind_of_user_the_expected_answer_on_every_url(client, access_users, access_objects, role):
    _log_in(client, access_users[role])
    patterns = dict(_app_patterns(get_resolver()))
    ours = [name for name in patterns if not name.startswith("admin:")]
    unknown = sorted(set(ours) - set(EXPECTED_ACCESS))
    assert not unknown, f"URL names without an expected access in EXPECTED_ACCESS: {unknown}"
    assert not set(EXPECTED_ACCESS) - set(ours), "EXPECTED_ACCESS names URLs that no longer exist"

    answers, expected = {}, {}
    for name, (url, by_role) in EXPECTED_ACCESS.items():  # in the table's order: logout last
        url = url.format(**access_objects)
        for index, method in enumerate(["GET", "POST"]):
            before = _state()
            response = client.get(url) if method == "GET" else client.post(url, POST_DATA.get(name, {}))
            answers[(name, method)] = _outcome(response)
            expected[(name, method)] = by_role[role][index]
            if answers[(name, method)] in (LOGIN, 403, 404, 405):
                assert _state() == before, f"{role} {method} {url} was refused but changed the database"
    wrong = {f"{method} {name}": f"got {answers[(name, method)]}, expected {expected[(name, method)]}"
             for name, method in answers if answers[(name, method)] != expected[(name, method)]}
    assert wrong == {}


@pytest.mark.parametrize("role", ROLES)
def test_it_keeps_every_admin_page_to_staff(client, access_users, access_objects, role):
    """Django's admin guards itself; this checks that every page of it, ours included, does so for each role."""
    _log_in(client, access_users[role])
    admin_patterns = [(name, route) for name, route in _app_patterns(get_resolver()) if name.startswith("admin:")]
    assert len(admin_patterns) > 50
    for name, route in admin_patterns:
        url = _admin_url(name, route)
        get = _outcome(client.get(url))
        if name == "admin:logout":
            assert get in (ADMIN_LOGIN, 302, 405), url  # sent to the admin's start, or told to POST
        elif name == "admin:login":
            assert get in (200, 302), url
        elif role != "admin":
            # The admin's own pages send to its login; a model's pages meet the site-wide login first.
            refused = {ADMIN_LOGIN, LOGIN} if role == "anonymous" else {ADMIN_LOGIN}
            assert get in refused, f"{role} GET {url}: {get}"
            before = _state()
            assert _outcome(client.post(url, {})) in refused, f"{role} POST {url}"
            assert _state() == before
        else:
            # Staff see the page, are sent on inside the admin (an object view's redirect), or meet a model's
            # own limits (the login log cannot be added to by hand).
            assert get in (200, 302, 403), f"admin GET {url}: {get}"


# --- Forged writes and CSRF ---------------------------------------------------------------------------

def _form(intervention_pk: int, **overrides) -> dict:
    from interventions.models import Intervention
    from recruitment.models import TargetGroup

    intervention = Intervention.objects.get(pk=intervention_pk)
    data = {"title": "Ny titel", "intervention_type": str(intervention.intervention_type_id),
            "target_groups": [str(TargetGroup.objects.get(slug="students").pk)], "status": "running",
            "start_date": "2025-01-01", "version": str(intervention.version)}
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["viewer", "other_editor"])
def test_it_refuses_a_forged_write_from_someone_who_may_only_read(client, access_users, access_objects, role):
    """A form posted straight at the URL, with a municipality the user edits slipped in, changes nothing."""
    from recruitment.models import Municipality

    running = access_objects["running"]
    client.force_login(access_users[role])
    before = _state()
    ishoej = str(Municipality.objects.get(code=183).pk)
    assert client.post(f"/interventions/{running}/edit/", {**_form(running), "municipality": ishoej},
                       headers={"HX-Request": "true"}).status_code == 403
    assert client.post("/municipalities/165/interventions/new/", {**_form(running), "municipality": ishoej}
                       ).status_code == 403
    assert client.post(f"/interventions/{running}/delete/", {"version": "1"}).status_code == 403
    assert _state() == before


def test_it_checks_csrf_on_writes(access_users, access_objects):
    from django.test import Client

    running = access_objects["running"]
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(access_users["editor"])
    before = _state()
    assert strict.post(f"/interventions/{running}/edit/", _form(running)).status_code == 403
    assert _state() == before
    token = strict.get(f"/interventions/{running}/edit/").cookies["csrftoken"].value
    # htmx sends the token in the X-CSRFToken header that base.html sets on <body>.
    response = strict.post(f"/interventions/{running}/edit/", _form(running),
                           headers={"HX-Request": "true", "X-CSRFToken": token})
    assert _state() != before
    assert response.status_code == 200 and "coverage-changed" in response["HX-Trigger"]


# --- Every URL × every kind of user × odd values in the query string -------------------------------------
#
# What a user (or a scanner) may type after any address: the walk asks each URL once as the table has it,
# noting every query parameter the view reads (its filter forms, the scenario, the downloads, DRF's ?format=),
# then asks again with each odd value in each of those parameters alone, so no other bad value is refused
# first and hides it. No answer may be a 500.

ODD_VALUES = ["", "0", "-5", "10000", "9" * 20, "abc", "1e999", "NaN", "<script>", "x" * 10_000, "a\x00b"]
# More parameters than this are a scenario (the projection's levers and assumptions), each read on its own and a
# bad one dropped with a message, never refusing the rest: they get every value at once, in turn.
MANY_PARAMS = 10


# To keep the walk short, each signed-in role tries half of the values, paired so that every value meets every
# page both as a user who may edit Albertslund (editor, admin) and as one who may not (viewer, other editor).
VALUES_BY_ROLE = {"anonymous": ODD_VALUES, "viewer": ODD_VALUES[0::2], "editor": ODD_VALUES[1::2],
                  "other_editor": ODD_VALUES[1::2], "admin": ODD_VALUES[0::2]}


def _odd_queries(params: list[str], values: list[str]) -> list[dict[str, str]]:
    """Each parameter alone with each value; a scenario's: request k gives parameter i value (i + k) mod n."""
    if len(params) > MANY_PARAMS:
        return [{param: values[(index + turn) % len(values)] for index, param in enumerate(params)}
                for turn in range(len(values))]
    return [{param: value} for param in params for value in values]


def _reading(monkeypatch, read: set[str]) -> None:
    """Notes the name of every query parameter looked up (request.GET and DRF's query_params are QueryDicts)."""
    from django.http import QueryDict

    for method in ("get", "getlist", "__getitem__", "__contains__"):
        original = getattr(QueryDict, method)

        def noting(self, key, *args, _original=original, **kwargs):
            if isinstance(key, str):
                read.add(key)
            return _original(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryDict, method, noting)


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_odd_query_values_with_a_500(client, access_users, access_objects, settings, monkeypatch,
                                                     role):
    from urllib.parse import parse_qsl, urlencode

    import weasyprint

    settings.API_RATE_LIMIT = "100000/hour"
    # The brief's HTML is built from the query as always; only laying it out as a PDF (a second a time, the
    # same for any query) is left out here: tests/test_brief.py makes real PDFs.
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7")
    _log_in(client, access_users[role])
    read: set[str] = set()
    values = VALUES_BY_ROLE[role]
    failed, tried = [], 0
    for name, (url, _by_role) in EXPECTED_ACCESS.items():
        if name == "logout":
            continue  # a GET is refused (405), and the walk must stay signed in
        path, _sep, query = url.format(**access_objects).partition("?")
        fixed = dict(parse_qsl(query))
        with monkeypatch.context() as patch:
            read.clear()
            _reading(patch, read)
            client.get(path, fixed)
            params = sorted(read) or ["q"]  # a refused request reads nothing: try one anyway
        for query in _odd_queries(params, values):
            response = client.get(path, {**fixed, **query})
            tried += 1
            if response.status_code >= 500:
                failed.append(f"{role} GET {path}?{urlencode(query)[:80]}: {response.status_code}")
    assert tried >= (400 if role == "anonymous" else 300)
    assert failed == []
