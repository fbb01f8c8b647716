"""Personal API tokens: what a BI tool (Power BI, a spreadsheet) sends instead of a password.

Only a SHA-256 hash of each token is stored; the token itself is shown once, when it is made. A token is
random (256 bits), so a fast hash is enough: there is nothing to guess by trying words.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "pn_"


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("bruger"))
    name = models.CharField(_("navn"), max_length=100, help_text=_("Hvad bruges nøglen til, fx Power BI."))
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token's first characters, so its owner can tell tokens apart; not enough to use it.
    hint = models.CharField(_("begynder med"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"))
    revoked_at = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str, days: int) -> tuple[ApiToken, str]:
        """A new token and its secret, which is returned here and never again."""
        raw = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=token_hash(raw), hint=raw[:8],
                                   expires_at=timezone.now() + timedelta(days=days))
        return token, raw

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
