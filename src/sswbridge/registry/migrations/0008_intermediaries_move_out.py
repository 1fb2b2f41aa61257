"""The intermediaries register moves to the intermediaries app (issue 13): removed from
registry's state only; the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_alter_case_intermediary'),
        ('consultations', '0002_alter_agendaitem_intermediaries'),
        ('intermediaries', '0001_initial'),
        ('registry', '0006_improvement_orders_move_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='DuplicateDismissal',
                ),
                migrations.DeleteModel(
                    name='IntermediaryMerge',
                ),
                migrations.DeleteModel(
                    name='IntermediaryMention',
                ),
                migrations.DeleteModel(
                    name='IntermediaryLink',
                ),
                migrations.DeleteModel(
                    name='IntermediaryIdentifier',
                ),
                migrations.DeleteModel(
                    name='IntermediaryName',
                ),
                migrations.DeleteModel(
                    name='Intermediary',
                ),
            ],
            database_operations=[],
        ),
    ]
