from django.http import HttpRequest

from .models import Intervention


def demo_banner(request: HttpRequest) -> dict[str, object]:
    # Lazy, so pages that never render the layout (health checks, CSV) pay no query.
    return {"demo_data_loaded": lambda: Intervention.objects.filter(is_demo=True).exists()}
