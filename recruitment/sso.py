"""Single sign-on: logging in with the municipality's identity provider over OpenID Connect (django-allauth).

The providers come from the environment (settings.SOCIALACCOUNT_PROVIDERS). What this module adds to allauth:

- the ID token's signature is always checked against the provider's keys, besides its issuer, audience and
  expiry (allauth skips the signature when the token came straight from the token endpoint, as the
  specification allows; checking costs little and catches a tampered token wherever it was changed);
- only e-mail domains the provider is configured for get in, and never into an existing local account;
- memberships follow the admin's group mappings (SsoGroupMapping) at every login, and nothing else;
- logout ends the provider's session too, where the provider announces an end-session endpoint.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode

import requests
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter, get_adapter
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.contrib.auth import logout as django_logout
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Membership, SsoGroupMapping

log = logging.getLogger(__name__)

SESSION_PROVIDER = "sso_provider"
SESSION_ID_TOKEN = "sso_id_token"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class StrictOpenIDConnectAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token: str) -> dict:
        claims = jwtkit.verify_and_decode(
            credential=id_token, keys_url=self.openid_config["jwks_uri"], issuer=self.openid_config["issuer"],
            audience=app.client_id, lookup_kid=jwtkit.lookup_kid_jwk, verify_signature=True)
        # Kept for the provider's logout (id_token_hint), only once the token is known to be genuine.
        self.request.session[SESSION_ID_TOKEN] = id_token
        return claims


def _adapter_view(view_class, request: HttpRequest, provider_id: str) -> HttpResponse:
    from allauth.socialaccount.models import SocialApp

    try:
        return view_class.adapter_view(StrictOpenIDConnectAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def oidc_login(request: HttpRequest, provider_id: str) -> HttpResponse:
    return _adapter_view(OAuth2LoginView, request, provider_id)


@login_not_required
def oidc_callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    return _adapter_view(OAuth2CallbackView, request, provider_id)


def providers() -> list[dict]:
    """The configured identity providers, for the login page's buttons."""
    from django.conf import settings

    return [{"id": app["provider_id"], "label": app["name"]}
            for app in settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]]


def refusal(request: HttpRequest, message: str, status: int = 403) -> ImmediateHttpResponse:
    request.session.pop(SESSION_ID_TOKEN, None)
    return ImmediateHttpResponse(render(request, "registration/sso_error.html", {"message": message}, status=status))


def _email(claims: dict) -> str:
    # Entra ID sends `email` only when the user has a mailbox; `preferred_username` is then the sign-in name.
    return str(claims.get("email") or claims.get("preferred_username") or "").strip().lower()


def _claims(sociallogin: SocialLogin) -> dict:
    data = sociallogin.account.extra_data
    return data.get("id_token") or data


def mapped_roles(provider_id: str, groups: list[str]) -> dict[int, str]:
    """municipality id → role the groups give (editor wins over viewer)."""
    roles: dict[int, str] = {}
    for municipality_id, role in SsoGroupMapping.objects.filter(provider_id=provider_id, group__in=groups) \
            .values_list("municipality_id", "role"):
        if roles.get(municipality_id) != Membership.Role.EDITOR:
            roles[municipality_id] = role
    return roles


@transaction.atomic
def sync_memberships(user, provider_id: str, groups: list[str]) -> None:
    """Make the user's SSO memberships exactly what the mappings give; leave hand-given ones alone."""
    roles = mapped_roles(provider_id, groups)
    manual = set(user.memberships.filter(from_sso=False).values_list("municipality_id", flat=True))
    user.memberships.filter(from_sso=True).exclude(municipality_id__in=roles).delete()
    for municipality_id, role in roles.items():
        if municipality_id not in manual:
            Membership.objects.update_or_create(user=user, municipality_id=municipality_id,
                                                defaults={"role": role, "from_sso": True})


class SsoAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return True  # a first SSO login creates the user; local sign-up stays closed (AccountAdapter)

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return True

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        app = sociallogin.account.get_provider().app
        claims = _claims(sociallogin)
        email = _email(claims)
        domain = email.rpartition("@")[2] if "@" in email else ""
        if domain not in app.settings.get("email_domains", []):
            log.warning("SSO login refused: %r is not an allowed domain of provider %s", domain, app.provider_id)
            raise refusal(request, _("Din konto (%(email)s) hører ikke til en kommune, der er sat op til at logge "
                                     "ind her. Kontakt din administrator.") % {"email": email or "?"})
        if sociallogin.is_existing and not sociallogin.user.is_active:
            raise refusal(request, _("Din bruger er deaktiveret. Kontakt din administrator."))
        sociallogin.user.backend = MODEL_BACKEND
        request.session[SESSION_PROVIDER] = app.provider_id

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: dict):
        user = super().populate_user(request, sociallogin, data)
        user.email = _email(_claims(sociallogin))
        user.set_unusable_password()  # an SSO user signs in only through the provider
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None) -> None:
        log.warning("SSO login failed at provider %s: %s %r", getattr(provider, "sub_id", provider), error, exception)
        raise refusal(request, _("Login via din kommunes identitetsudbyder lykkedes ikke, og du er ikke logget ind. "
                                 "Prøv igen, eller kontakt din administrator, hvis det sker igen."), status=400)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # users come from an admin or from SSO, never from a sign-up form

    def add_message(self, *args, **kwargs) -> None:
        pass  # allauth's own "signed in as …" messages are not part of this site's pages


def _on_social_login(request: HttpRequest, sociallogin: SocialLogin, **kwargs) -> None:
    app = sociallogin.account.get_provider().app
    groups = _claims(sociallogin).get(app.settings.get("groups_claim", "groups")) or []
    sync_memberships(sociallogin.user, app.provider_id, [str(group) for group in groups])


def connect_signals() -> None:
    from allauth.account.signals import user_logged_in

    def on_login(sender, request, user, **kwargs) -> None:
        sociallogin = kwargs.get("sociallogin")
        if sociallogin is not None:
            _on_social_login(request, sociallogin)

    user_logged_in.connect(on_login, weak=False, dispatch_uid="recruitment.sso.memberships")


def _end_session_url(request: HttpRequest, provider_id: str, id_token: str | None) -> str | None:
    from allauth.socialaccount.models import SocialApp

    try:
        provider = get_adapter().get_provider(request, provider_id)
        if not provider.app.settings.get("provider_logout", True):
            return None
        endpoint = StrictOpenIDConnectAdapter(request, provider_id).openid_config.get("end_session_endpoint")
    except (SocialApp.DoesNotExist, requests.RequestException, ValueError):
        # The provider was removed from the settings or does not answer: the local logout must still happen.
        log.warning("SSO logout: provider %s unknown or not answering", provider_id, exc_info=True)
        return None
    if not endpoint:
        return None
    params = {"client_id": provider.app.client_id,
              "post_logout_redirect_uri": request.build_absolute_uri(reverse("login"))}
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(params)}"


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Ends the local session and, for an SSO user whose provider supports it, the provider's session."""
    provider_id, id_token = request.session.get(SESSION_PROVIDER), request.session.get(SESSION_ID_TOKEN)
    end_session = _end_session_url(request, provider_id, id_token) if provider_id else None
    django_logout(request)
    return HttpResponseRedirect(end_session or reverse("login"))
