"""Improvement orders move here from registry (issue 13): state only, the table keeps its name
(registry_improvementorder)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_initial'),
        ('exchange', '0002_attachment_attachmentdownload_frameworkkindsetting_and_more'),
        ('registry', '0005_publication_moves_out'),
        ('frameworks', '0002_reference_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImprovementOrder',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('marking', models.CharField(choices=[('agency', 'Within the originating agency'), ('side', 'Within the originating side'), ('both', 'Both sides of the framework'), ('public', 'Public')], default='both', max_length=16, verbose_name='marking')),
                        ('order_date', models.DateField(verbose_name='date of the order')),
                        ('organization_name', models.CharField(max_length=300, verbose_name='accepting organization')),
                        ('organization_name_en', models.CharField(blank=True, max_length=300, verbose_name='accepting organization (English)')),
                        ('address', models.CharField(max_length=500, verbose_name='address')),
                        ('representative', models.CharField(max_length=300, verbose_name='representative')),
                        ('legal_basis', models.CharField(max_length=500, verbose_name='legal basis')),
                        ('measures', models.TextField(verbose_name='measures ordered')),
                        ('improvement_deadline', models.DateField(blank=True, null=True, verbose_name='deadline for improvement')),
                        ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                        ('outcome_recorded_at', models.DateTimeField(blank=True, null=True, verbose_name='outcome recorded at')),
                        ('communication', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='improvement_order', to='exchange.communication', verbose_name='notice to the other side')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('originator_agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.agency', verbose_name='originating agency')),
                        ('originator_side', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.side', verbose_name='originating side')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'improvement order',
                        'verbose_name_plural': 'improvement orders',
                        'db_table': 'registry_improvementorder',
                        'ordering': ['-order_date', '-created_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
