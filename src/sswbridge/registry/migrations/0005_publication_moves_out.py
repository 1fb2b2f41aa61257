"""Publication and its settings move to the publication app (issue 13): removed from registry's
state only; the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0004_intermediary_merges'),
        ('publication', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='publicationsettings',
                    name='framework',
                ),
                migrations.RemoveField(
                    model_name='publicationsettings',
                    name='side',
                ),
                migrations.RemoveField(
                    model_name='publicationsettings',
                    name='updated_by',
                ),
                migrations.DeleteModel(
                    name='Publication',
                ),
                migrations.DeleteModel(
                    name='PublicationSettings',
                ),
            ],
            database_operations=[],
        ),
    ]
