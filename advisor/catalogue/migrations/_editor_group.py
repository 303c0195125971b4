"""The catalogue editor group's permissions: every catalogue model's, with
versions and history read-only. Migrations 0003 and 0005 both apply it."""

from django.contrib.auth.management import create_permissions

GROUP = "catalogue editor"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="catalogue")
    # Versions and history are records: editors read them, only the app writes them.
    read_only = perms.filter(content_type__model__in=["catalogueversion"]) | perms.filter(
        content_type__model__startswith="historical"
    )
    writable = perms.exclude(pk__in=read_only.values("pk"))
    viewable = read_only.filter(codename__startswith="view_")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(list(writable) + list(viewable))
