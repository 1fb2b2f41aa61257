"""The intermediaries register moves to the intermediaries app (issue 13): removed from
registry's state only; the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_alter_case_intermediary'),
        ('consultations', '0003_alter_agendaitem_intermediaries'),
        ('intermediaries', '0001_initial'),
        ('registry', '0007_sending_moves_out'),
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
