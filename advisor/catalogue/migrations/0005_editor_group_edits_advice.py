"""The catalogue editor group also edits routes, posts, market facts and sources.
Re-running the group's rule grants every catalogue model's permissions, the new
ones included; the versions and history stay read-only."""

from django.db import migrations

from advisor.catalogue.migrations import _editor_group


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0004_advice_routes_market_evidence")]

    operations = [migrations.RunPython(_editor_group.create_group, migrations.RunPython.noop)]
