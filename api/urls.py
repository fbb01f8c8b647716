from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import kkr_views, profile, views

app_name = "api"


def _api(view):
    """DRF answers for itself (401 with a token or session missing); the site's login redirect must not."""
    return login_not_required(view)


urlpatterns = [
    path("api/v1/openapi.json", _api(views.schema), name="schema"),
    path("api/v1/docs/", views.docs, name="docs"),
    path("api/v1/regions/", _api(views.RegionList.as_view()), name="regions"),
    path("api/v1/regions/<slug:slug>/", _api(kkr_views.region_detail), name="region"),
    path("api/v1/coverage/", _api(kkr_views.coverage_all), name="coverage-all"),
    path("api/v1/municipalities/<int:code>/targets/", _api(kkr_views.targets), name="targets"),
    path("api/v1/municipalities/", _api(views.MunicipalityList.as_view()), name="municipalities"),
    path("api/v1/municipalities/<int:code>/coverage/", _api(views.coverage), name="coverage"),
    path("api/v1/municipalities/<int:code>/practicum/", _api(views.practicum), name="practicum"),
    path("api/v1/municipalities/<int:code>/supervisor-training/", _api(views.supervisor_training),
         name="supervisor-training"),
    path("api/v1/municipalities/<int:code>/projection/", _api(views.projection), name="projection"),
    path("api/v1/pathways/", _api(views.PathwayList.as_view()), name="pathways"),
    path("api/v1/catalogue/", _api(views.catalogue), name="catalogue"),
    path("api/v1/interventions/", _api(views.InterventionList.as_view()), name="interventions"),
    path("api/v1/workforce/", _api(views.WorkforceList.as_view()), name="workforce"),
    path("profil/", profile.profile, name="profile"),
    path("profil/tokens/<int:pk>/revoke/", profile.revoke, name="token-revoke"),
]
