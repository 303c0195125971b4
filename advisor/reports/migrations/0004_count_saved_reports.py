"""Reports saved before the weekly counts existed are counted, in batches.
`manage.py backfill_insights` does the same and can be re-run at any time."""

from django.db import migrations

from advisor.reports import standings


def forward(apps, schema_editor):
    standings.backfill(
        apps.get_model("reports", "Report"),
        apps.get_model("reports", "WeeklyCount"),
        apps.get_model("questionnaire", "ContextAnswer"),
        role_slug="current_role",
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_weekly_counts")]

    # Going back drops the counts table and the flag with it.
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
