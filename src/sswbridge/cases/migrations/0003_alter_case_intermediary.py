"""A case's intermediary is now intermediaries.Intermediary (issue 13): state only, the same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_alter_case_sending_organization'),
        ('intermediaries', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='case',
                    name='intermediary',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='intermediaries.intermediary', verbose_name='intermediary'),
                ),
            ],
            database_operations=[],
        ),
    ]
