from django.http import HttpRequest

from interventions.models import Intervention

from .models import DataImport


def demo_banner(request: HttpRequest) -> dict[str, object]:
    """The demo banner shows while any synthetic data is loaded: the demo interventions or a synthetic import.
    Lazy, so pages that never render the layout (health checks, CSV) pay no query."""
    return {"demo_data_loaded": lambda: (Intervention.objects.filter(is_demo=True).exists()
                                         or DataImport.synthetic_loaded())}
