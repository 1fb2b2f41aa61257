"""An agenda item's intermediaries are now intermediaries.Intermediary (issue 13): state only, the
same tables."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0002_alter_agendaitem_sending_organizations'),
        ('intermediaries', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='agendaitem',
                    name='intermediaries',
                    field=models.ManyToManyField(blank=True, related_name='+', to='intermediaries.intermediary', verbose_name='intermediaries'),
                ),
            ],
            database_operations=[],
        ),
    ]
