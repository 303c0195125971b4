"""Kept results in the old hand-written layout are converted, in batches, to the one
the generic converter writes (questionnaire/snapshot.py): they read back into the
same results objects as before, so every page shows what it showed."""

from django.db import migrations

from advisor.questionnaire.migrations._snapshot_formats import convert_all


def forward(apps, schema_editor):
    convert_all(apps.get_model("questionnaire", "Assessment"), "results")


class Migration(migrations.Migration):
    dependencies = [("questionnaire", "0005_assessment_user_cascade")]

    # Not reversible: the old readers are gone, and the new layout keeps everything they read.
    operations = [migrations.RunPython(forward)]
