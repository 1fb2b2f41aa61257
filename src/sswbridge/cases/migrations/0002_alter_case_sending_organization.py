"""A case's sending organization is now sending.SendingOrganization (issue 13): state only, the
same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0001_initial'),
        ('sending', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='case',
                    name='sending_organization',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='sending.sendingorganization', verbose_name='sending organization'),
                ),
            ],
            database_operations=[],
        ),
    ]
