"""A publication's sending organization and status change are now the sending app's (issue 13):
state only, the same table."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('publication', '0002_alter_publication_improvement_order'),
        ('sending', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='publication',
                    name='sending_organization',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='sending.sendingorganization', verbose_name='sending organization'),
                ),
                migrations.AlterField(
                    model_name='publication',
                    name='status_change',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='sending.statuschange', verbose_name='status change'),
                ),
            ],
            database_operations=[],
        ),
    ]
