"""The intermediaries register moves here from registry (issue 13): state only, the tables keep
their names (registry_intermediary, ...)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('registry', '0006_improvement_orders_move_out'),
        ('accounts', '0002_initial'),
        ('exchange', '0005_search_trigram_indexes'),
        ('frameworks', '0002_reference_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Intermediary',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('marking', models.CharField(choices=[('agency', 'Within the originating agency'), ('side', 'Within the originating side'), ('both', 'Both sides of the framework'), ('public', 'Public')], default='both', max_length=16, verbose_name='marking')),
                        ('kind', models.CharField(choices=[('individual', 'Individual'), ('corporation', 'Corporation')], max_length=16, verbose_name='kind')),
                        ('country', models.CharField(max_length=2, verbose_name='country (ISO 3166-1 alpha-2)')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('status', models.CharField(choices=[('active', 'Active'), ('merged', 'Merged into another record')], default='active', max_length=16, verbose_name='status')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='merged_from', to='intermediaries.intermediary', verbose_name='merged into')),
                        ('originator_agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.agency', verbose_name='originating agency')),
                        ('originator_side', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.side', verbose_name='originating side')),
                    ],
                    options={
                        'verbose_name': 'intermediary',
                        'verbose_name_plural': 'intermediaries',
                        'db_table': 'registry_intermediary',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='IntermediaryMerge',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('reason', models.TextField(verbose_name='reason')),
                        ('score', models.FloatField(blank=True, null=True, verbose_name='score')),
                        ('moved', models.JSONField(default=dict, verbose_name='what moved')),
                        ('merged_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='merged at')),
                        ('undone_at', models.DateTimeField(blank=True, null=True, verbose_name='undone at')),
                        ('undo_reason', models.TextField(blank=True, verbose_name='reason for the undo')),
                        ('restored', models.JSONField(blank=True, default=dict, verbose_name='what moved back')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('merged_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='merged by')),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='merges_out', to='intermediaries.intermediary', verbose_name='merged record')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='merges_in', to='intermediaries.intermediary', verbose_name='merged into')),
                        ('undone_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='undone by')),
                    ],
                    options={
                        'verbose_name': 'merge of intermediaries',
                        'verbose_name_plural': 'merges of intermediaries',
                        'db_table': 'registry_intermediarymerge',
                        'ordering': ['-merged_at'],
                    },
                ),
                migrations.CreateModel(
                    name='IntermediaryName',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('value', models.CharField(max_length=300, verbose_name='name')),
                        ('script', models.CharField(choices=[('Cyrl', 'Cyrillic'), ('Latn', 'Latin'), ('Jpan', 'Japanese (kanji and kana)'), ('Zyyy', 'Other')], max_length=4, verbose_name='script')),
                        ('language', models.CharField(blank=True, max_length=16, verbose_name='language (BCP 47)')),
                        ('intermediary', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='names', to='intermediaries.intermediary', verbose_name='intermediary')),
                    ],
                    options={
                        'verbose_name': 'intermediary name',
                        'verbose_name_plural': 'intermediary names',
                        'db_table': 'registry_intermediaryname',
                        'ordering': ['created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='DuplicateDismissal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('dismissed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='dismissed at')),
                        ('dismissed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='dismissed by')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('first', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='intermediaries.intermediary', verbose_name='intermediary')),
                        ('second', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='intermediaries.intermediary', verbose_name='other intermediary')),
                    ],
                    options={
                        'verbose_name': 'pair found not to be duplicates',
                        'verbose_name_plural': 'pairs found not to be duplicates',
                        'db_table': 'registry_duplicatedismissal',
                        'constraints': [models.UniqueConstraint(fields=('first', 'second'), name='duplicate_dismissal_once')],
                    },
                ),
                migrations.CreateModel(
                    name='IntermediaryIdentifier',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('type', models.CharField(choices=[('registration_number', 'Registration number'), ('tax_number', 'Tax number'), ('phone', 'Phone number'), ('email', 'E-mail address'), ('website', 'Web site'), ('address', 'Address')], max_length=32, verbose_name='type')),
                        ('value', models.CharField(max_length=500, verbose_name='value')),
                        ('normalized', models.CharField(db_index=True, max_length=500, verbose_name='value for matching')),
                        ('country', models.CharField(blank=True, max_length=2, verbose_name='country (ISO 3166-1 alpha-2)')),
                        ('intermediary', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='identifiers', to='intermediaries.intermediary', verbose_name='intermediary')),
                    ],
                    options={
                        'verbose_name': 'intermediary identifier',
                        'verbose_name_plural': 'intermediary identifiers',
                        'db_table': 'registry_intermediaryidentifier',
                        'ordering': ['type', 'created_at'],
                        'constraints': [models.UniqueConstraint(fields=('intermediary', 'type', 'normalized'), name='intermediary_identifier_once')],
                    },
                ),
                migrations.CreateModel(
                    name='IntermediaryLink',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('relation', models.CharField(choices=[('director', 'Director'), ('founder', 'Founder'), ('representative', 'Representative'), ('employee', 'Employee'), ('other', 'Other')], max_length=32, verbose_name='relation')),
                        ('from_intermediary', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_out', to='intermediaries.intermediary', verbose_name='intermediary')),
                        ('to_intermediary', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links_in', to='intermediaries.intermediary', verbose_name='linked person')),
                    ],
                    options={
                        'verbose_name': 'linked person',
                        'verbose_name_plural': 'linked people',
                        'db_table': 'registry_intermediarylink',
                        'ordering': ['created_at'],
                        'constraints': [models.UniqueConstraint(fields=('from_intermediary', 'to_intermediary', 'relation'), name='intermediary_link_once'), models.CheckConstraint(condition=models.Q(('from_intermediary', models.F('to_intermediary')), _negated=True), name='intermediary_link_not_to_itself')],
                    },
                ),
                migrations.CreateModel(
                    name='IntermediaryMention',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('communication', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='intermediary_mentions', to='exchange.communication', verbose_name='communication')),
                        ('intermediary', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mentions', to='intermediaries.intermediary', verbose_name='intermediary')),
                    ],
                    options={
                        'verbose_name': 'mention of an intermediary',
                        'verbose_name_plural': 'mentions of intermediaries',
                        'db_table': 'registry_intermediarymention',
                        'ordering': ['created_at'],
                        'constraints': [models.UniqueConstraint(fields=('intermediary', 'communication'), name='intermediary_mention_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
