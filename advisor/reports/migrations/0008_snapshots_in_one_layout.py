"""Report snapshots in the old hand-written layout (formats 1 and 2) are converted, in
batches, to the one the generic converter writes (questionnaire/snapshot.py), keeping
their format number: a format-1 report keeps its verdicts, its "rules changed since"
notice, and its export's `snapshot_format` and `rules_changed`."""

from django.db import migrations

from advisor.questionnaire.migrations._snapshot_formats import convert_all


def forward(apps, schema_editor):
    convert_all(apps.get_model("reports", "Report"), "snapshot")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_weekly_counts_keep_purged"),
        ("questionnaire", "0006_results_in_one_layout"),
    ]

    # Not reversible: the old readers are gone, and the new layout keeps everything they read.
    operations = [migrations.RunPython(forward)]
