"""Job errors recorded before errors were cleaned of paths may name private storage; clean them once."""

from django.db import migrations


def clean_errors(apps, schema_editor):
    from media_pipeline.errors import without_paths

    MediaJob = apps.get_model("media_pipeline", "MediaJob")
    for job in MediaJob.objects.exclude(error="").filter(error__contains="/").only("pk", "error").iterator():
        cleaned = without_paths(job.error)
        if cleaned != job.error:
            MediaJob.objects.filter(pk=job.pk).update(error=cleaned)


class Migration(migrations.Migration):
    dependencies = [("media_pipeline", "0001_initial")]

    operations = [migrations.RunPython(clean_errors, migrations.RunPython.noop)]
