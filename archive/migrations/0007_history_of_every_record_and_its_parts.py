from django.db import migrations, models


def name_foreign_keys(apps, schema_editor):
    """Earlier records named a foreign key by its column (collection_id, agent_id) and kept the id; the history now
    names the field and keeps the record's name, so the old rows are brought to the same form."""
    ChangeRecord = apps.get_model("archive", "ChangeRecord")
    lookups = {
        ("archive.item", "collection_id"): ("collection", apps.get_model("archive", "Collection"), "title"),
        ("archive.consentrecord", "agent_id"): ("agent", apps.get_model("archive", "Agent"), "display_name"),
    }
    for (model, column), (name, related, label) in lookups.items():
        names = {str(pk): text for pk, text in related.objects.values_list("pk", label)}
        for change in ChangeRecord.objects.filter(model=model, field=column).iterator():
            change.field = name
            change.old_value = names.get(change.old_value, change.old_value)
            change.new_value = names.get(change.new_value, change.new_value)
            change.save(update_fields=["field", "old_value", "new_value"])


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0006_place_show_precisely"),
    ]

    operations = [
        migrations.AddField(
            model_name="changerecord",
            name="part",
            field=models.CharField(blank=True, help_text="the part of the record that changed: a person's role, a file, a line", max_length=300),
        ),
        migrations.AlterModelOptions(
            name="itemagent",
            options={"ordering": ["position", "pk"], "verbose_name": "person or organisation",
                     "verbose_name_plural": "people and organisations"},
        ),
        migrations.RunPython(name_foreign_keys, migrations.RunPython.noop),
    ]
