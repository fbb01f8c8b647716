"""The profile page: a user's personal API tokens, made (shown once), listed and revoked."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from recruitment.request_types import SignedInRequest

from .models import ApiToken

LIFETIMES = [(30, _("30 dage")), (90, _("90 dage")), (365, _("1 år"))]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=100, help_text=_("Hvad bruges nøglen til, fx Power BI."))
    days = forms.TypedChoiceField(label=_("Gyldig i"), choices=LIFETIMES, coerce=int, initial=90)


# Where a new token's secret waits, between the POST that makes it and the page that shows it once.
NEW_SECRET = "api-new-token-secret"


@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, secret = ApiToken.issue(request.user, form.cleaned_data["name"], form.cleaned_data["days"])
        # Redirect after the POST, so that reloading the page asks for it again rather than making a second token.
        request.session[NEW_SECRET] = secret
        answer = HttpResponseRedirect(reverse("api:profile"))
        answer.status_code = 303  # See Other: the browser fetches the page with GET
        return answer
    new_secret = request.session.pop(NEW_SECRET, None)
    ctx = {"form": form, "new_secret": new_secret, "tokens": request.user.api_tokens.all(), "now": timezone.now(),
           "docs_url": reverse("api:docs")}
    response = render(request, "api/profile.html", ctx)
    if new_secret:
        response["Cache-Control"] = "no-store"  # the secret must not stay in a cache
    return response


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)  # someone else's token: 404, not a hint
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return redirect("api:profile")
