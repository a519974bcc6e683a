"""Executors carry their measure's plan, so a plan's executors are read from one index."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_indicator_versions")]

    operations = [
        migrations.AddField(
            model_name="executor",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="executors",
                to="plans.plan",
            ),
        ),
        migrations.RunSQL(
            "UPDATE plans_executor SET plan_id = "
            "(SELECT plan_id FROM plans_measure WHERE plans_measure.id = plans_executor.measure_id)",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="executor",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="executors",
                to="plans.plan",
            ),
        ),
        migrations.AddIndex(
            model_name="executor",
            index=models.Index(fields=["plan", "organization"], name="executor_plan_organization_idx"),
        ),
    ]
