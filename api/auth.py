"""How the API knows who asks: a personal token (`Authorization: Bearer pn_…`) or the browser's session."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, throttling

from .models import PREFIX, ApiToken, token_hash


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        # RFC 7235: the scheme is case-insensitive ("bearer" is as good as "Bearer").
        if not parts or parts[0].decode(errors="replace").lower() != self.keyword.lower():
            return None
        if len(parts) != 2 or not parts[1].decode(errors="replace").startswith(PREFIX):
            raise exceptions.AuthenticationFailed(_("Ugyldig API-nøgle."))
        token = (ApiToken.objects.usable().select_related("user")
                 .filter(key_hash=token_hash(parts[1].decode(errors="replace"))).first())
        if token is None:
            # Unknown, revoked and expired tokens get the same answer: nothing to learn from trying.
            raise exceptions.AuthenticationFailed(_("API-nøglen er ukendt, udløbet eller tilbagekaldt."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user, token

    def authenticate_header(self, request) -> str:
        return self.keyword  # so an anonymous request gets 401 with WWW-Authenticate, not 403


class PerUserThrottle(throttling.UserRateThrottle):
    """API_RATE_LIMIT requests per user (read when asked, so it can be changed without a restart of tests)."""

    def get_rate(self) -> str:
        return settings.API_RATE_LIMIT


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Tells the OpenAPI schema how the token is sent (drf-spectacular finds it by the class above)."""

    target_class = "api.auth.ApiTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {"type": "http", "scheme": "bearer", "description": "A personal token from /profil/ (pn_…)."}
