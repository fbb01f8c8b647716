from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import home_municipality


def navigation(request: HttpRequest) -> dict[str, object]:
    return {"user_municipality": SimpleLazyObject(lambda: home_municipality(request.user))}
