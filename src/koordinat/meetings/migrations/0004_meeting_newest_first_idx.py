from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_minutes_recorded_by"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["-starts_at", "id"], name="meeting_newest_first_idx"),
        ),
    ]
