"""Improvement orders move to the orders app (issue 13): removed from registry's state only;
the table stays."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('publication', '0002_alter_publication_improvement_order'),
        ('registry', '0005_publication_moves_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='ImprovementOrder',
                ),
            ],
            database_operations=[],
        ),
    ]
