"""An upload keeps its parsed preview, so the preview page does not parse the file on every view."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_executor_plan")]

    operations = [
        migrations.AddField(
            model_name="planimport",
            name="preview",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
    ]
