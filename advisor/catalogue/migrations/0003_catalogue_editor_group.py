"""The "catalogue editor" group: edits the catalogue, reads its history and
versions, and sees nothing else (no users, groups, answers or reports)."""

from django.db import migrations

from advisor.catalogue.migrations import _editor_group

GROUP = _editor_group.GROUP
create_group = _editor_group.create_group


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0002_history_and_versions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
