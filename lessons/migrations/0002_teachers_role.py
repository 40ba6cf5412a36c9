"""The Teachers role: its members build private lesson kits on the public site and share them by link. A curator
invites a teacher with an invitation in this role (contributions.models.TEACHERS)."""

from django.db import migrations

GROUP = "Teachers"
CODENAME = "build_own_kit"


def create_group(apps, schema_editor):
    # Permissions are made after all migrations run; make this one now so the group can hold it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    kit_type, _created = ContentType.objects.get_or_create(app_label="lessons", model="kit")
    permission, _created = Permission.objects.get_or_create(
        content_type=kit_type, codename=CODENAME,
        defaults={"name": "Can build private lesson kits on the public site"})
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("lessons", "0001_kits_and_their_sources"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
