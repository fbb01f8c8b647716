"""Interventions without any history entry (bulk-created demo rows, rows older than the history table) get
a creation entry of their stored state: without one, their edit conflicts show nothing and a deleted one
cannot be restored."""

from django.db import migrations

from interventions.history import record_missing_creations


def backfill(apps, schema_editor) -> None:
    record_missing_creations(apps.get_model("interventions", "Intervention"),
                             apps.get_model("interventions", "HistoricalIntervention"),
                             apps.get_model("interventions", "HistoricalIntervention_target_groups"))


class Migration(migrations.Migration):

    dependencies = [
        ("interventions", "0002_history_and_version"),
    ]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
