"""The Django code tests/test_import_faults.py runs in a scratch database (Scratch.django): each reads VALUES and
sets RESULT."""

QUEUE_IMPORT = """
from django.contrib.auth import get_user_model
from indicators.imports import tasks
from indicators.imports import jobs
from indicators.imports.importers import base, get_importer

admin = get_user_model().objects.filter(username="fault-admin").first() or \\
    get_user_model().objects.create_superuser("fault-admin", password="fault-password-1234")
content = open(VALUES["path"], "rb").read() if "path" in VALUES else VALUES["text"].encode("utf-8")
record = jobs.create(VALUES["kind"], VALUES["name"], content, admin)
analysis = jobs.check(record, content)
assert analysis.ok, analysis.problems.sorted()
assert jobs.confirm(record)
record.refresh_from_db()
tasks.enqueue_run(record)
RESULT = {"pk": record.pk}
if VALUES["kind"] == "practicum-evaluations":
    RESULT.update(counts=len(analysis.parsed.counts), training=len(analysis.parsed.training))
"""

PRACTICUM_STATE = """
from indicators.models import DataImport, ImportUpload, PracticumEvaluationCount, SupervisorTrainingCount
record = DataImport.objects.get(pk=VALUES["pk"])
RESULT = {"status": record.status, "progress": record.progress, "upload_kept": ImportUpload.objects.filter(
              data_import=record).exists(),
          "counts": PracticumEvaluationCount.objects.count(), "training": SupervisorTrainingCount.objects.count(),
          "counts_of_import": PracticumEvaluationCount.objects.filter(data_import=record).count()}
"""

ADMIN_PAGE = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from indicators.models import DataImport

# Ten minutes without a sign of life: what the page takes for a worker that is gone.
DataImport.objects.filter(pk=VALUES["pk"]).update(updated_at=timezone.now() - timedelta(minutes=11))
browser = Client()
browser.force_login(get_user_model().objects.get(username="fault-admin"))
detail = browser.get(f"/imports/{VALUES['pk']}/").content.decode()
listing = browser.get("/imports/").content.decode()
retry = browser.post(f"/imports/{VALUES['pk']}/retry/")
RESULT = {"detail": detail, "list": listing, "retry": retry.status_code,
          "status": DataImport.objects.get(pk=VALUES["pk"]).status}
"""


SURVEY_FILE = """
from indicators.imports.importers.intervention_survey import InterventionSurveyImporter
from interventions.models import InterventionType
from recruitment.models import Municipality
slugs = list(InterventionType.objects.order_by("position", "pk").values_list("slug", flat=True))
codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
yes = set(slugs[VALUES["first"]:VALUES["last"]])
lines = [",".join(["år", "kommunekode", *slugs])]
lines += [",".join(["2024", f"{code:04d}", *["x" if slug in yes else "" for slug in slugs]]) for code in codes]
RESULT = {"text": "\\n".join(lines) + "\\n", "types": len(slugs), "municipalities": len(codes), "yes": sorted(yes)}
"""

SURVEY_STATE = """
from django.db.models import Count
from indicators.models import DataImport, InterventionSurveyAnswer
records = {str(r.pk): {"status": r.status, "summary": r.summary, "error": r.error, "finished": r.finished_at.isoformat()
                       if r.finished_at else None} for r in DataImport.objects.filter(pk__in=VALUES["pks"])}
answers = InterventionSurveyAnswer.objects.filter(year=2024)
duplicates = answers.values("municipality", "intervention_type").annotate(n=Count("pk")).filter(n__gt=1).count()
yes = sorted(set(answers.filter(runs=True).values_list("intervention_type__slug", flat=True)))
per_municipality = sorted(set(answers.filter(runs=True).values("municipality").annotate(n=Count("pk"))
                              .values_list("n", flat=True)))
by_import = sorted(set(answers.values_list("data_import", flat=True)))
RESULT = {"records": records, "rows": answers.count(), "duplicates": duplicates, "yes": yes,
          "yes_per_municipality": per_municipality, "by_import": by_import}
"""

