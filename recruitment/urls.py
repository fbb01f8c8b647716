from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import sso, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True,
                                                         extra_context={"sso_providers": sso.providers}),
         name="login"),
    path("accounts/logout/", sso.logout, name="logout"),
    # Single sign-on: the names are allauth's, which its OpenID Connect adapter reverses.
    path("accounts/oidc/<str:provider_id>/login/", sso.oidc_login, name="openid_connect_login"),
    path("accounts/oidc/<str:provider_id>/login/callback/", sso.oidc_callback, name="openid_connect_callback"),
    path("admin/", admin.site.urls),
    path("", include("indicators.dashboards.urls")),
    path("", include("interventions.urls")),
    path("", include("indicators.targets.urls")),
    path("", include("indicators.regions.urls")),
    path("imports/", include("indicators.imports.urls")),
    path("", include("api.urls")),
]

handler500 = "recruitment.views.server_error"
handler404 = "api.errors.page_not_found"  # JSON under /api/, the site's page elsewhere
