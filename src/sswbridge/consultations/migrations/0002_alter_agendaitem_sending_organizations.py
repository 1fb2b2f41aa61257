"""An agenda item's sending organizations are now sending.SendingOrganization (issue 13): state
only, the same tables."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0001_initial'),
        ('sending', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='agendaitem',
                    name='sending_organizations',
                    field=models.ManyToManyField(blank=True, related_name='+', to='sending.sendingorganization', verbose_name='sending organizations'),
                ),
            ],
            database_operations=[],
        ),
    ]
