
import archive.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0007_history_of_every_record_and_its_parts'),
    ]

    operations = [
        migrations.AddField(
            model_name='asset',
            name='language',
            field=models.CharField(blank=True, help_text="For a subtitle file: the language of its text. Empty: read from a name such as film.tha.srt or film.th.srt, else the item's original language.", max_length=3, validators=[archive.models.validate_iso639_3], verbose_name='language (ISO 639-3)'),
        ),
    ]
