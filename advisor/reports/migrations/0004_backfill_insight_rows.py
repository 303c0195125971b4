"""Reports saved before the insight rows existed get theirs, in batches.
`manage.py backfill_insights` does the same and can be re-run at any time."""

from django.db import migrations

from advisor.reports import standings


def forward(apps, schema_editor):
    standings.backfill(
        apps.get_model("reports", "Report"),
        apps.get_model("reports", "TrackStanding"),
        apps.get_model("reports", "GapRow"),
        apps.get_model("questionnaire", "ContextAnswer"),
        role_slug="current_role",
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_insight_rows")]

    # Going back drops the tables, and the rows with them.
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
