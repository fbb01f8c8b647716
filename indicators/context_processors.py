from django.http import HttpRequest

from interventions.models import Intervention

from .models import DataImport


def demo_banner(request: HttpRequest) -> dict[str, object]:
    """The demo banner shows while any synthetic data is loaded: the demo interventions or a synthetic import.
    Lazy, so pages that never render the layout (health checks, CSV) pay no query."""
    return {"demo_data_loaded": _synthetic_loaded}


def _synthetic_loaded() -> bool:
    """One query for both (UNION ALL … LIMIT 1 stops at the first row found)."""
    demo = Intervention.objects.filter(is_demo=True).order_by().values_list("pk")
    return demo.union(DataImport.synthetic().order_by().values_list("pk"), all=True).exists()
