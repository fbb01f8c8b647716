"""The access matrix: every URL pattern of the project (the admin's aside) × every kind of user, with the answers
to a GET and a POST. tests/test_access.py walks the patterns from the URL resolver, so a new page without a line
here fails until someone decides who may see it; tests/test_access_odd_queries.py asks every URL here with odd
query values."""

from __future__ import annotations

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
