"""The Researchers group: curators add an account to it to open registered items to that person."""

from django.db import migrations

GROUP = "Researchers"
CODENAME = "view_registered_item"


def create_group(apps, schema_editor):
    # Permissions are made after all migrations run; make this one now so the group can hold it.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    item_type, _created = ContentType.objects.get_or_create(app_label="archive", model="item")
    permission, _created = Permission.objects.get_or_create(
        content_type=item_type, codename=CODENAME, defaults={"name": "Can see items for registered researchers"})
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0004_item_view_registered_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
