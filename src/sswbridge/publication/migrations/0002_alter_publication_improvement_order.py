"""A publication's order is now orders.ImprovementOrder (issue 13): state only, the same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('orders', '0001_initial'),
        ('publication', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='publication',
                    name='improvement_order',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='orders.improvementorder', verbose_name='improvement order'),
                ),
            ],
            database_operations=[],
        ),
    ]
