"""Requests refused before any view reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def refuse_nul_characters(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """A NUL character in the address or its query string gets a 400. Nobody types one, and PostgreSQL's text
    cannot hold it: a view that compares a parameter with a stored text (the remembered comparison, a search)
    would fail with a 500 there, while SQLite stores it. Forms already refuse it in what they post."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if NUL in request.path or any(NUL in key or any(NUL in value for value in values)
                                      for key, values in request.GET.lists()):
            if request.path.startswith("/api/"):  # the API answers JSON, as its other errors
                return JsonResponse({"detail": _("Adressen indeholder et tegn, der ikke kan bruges (NUL).")},
                                    status=400)
            return render(request, "400.html", status=400)
        return get_response(request)

    return middleware
