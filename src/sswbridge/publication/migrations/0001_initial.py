"""Publication and its settings move here from registry (issue 13): state only, the tables
keep their names (registry_publication, registry_publicationsettings)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('exchange', '0002_attachment_attachmentdownload_frameworkkindsetting_and_more'),
        ('frameworks', '0002_reference_data'),
        ('registry', '0004_intermediary_merges'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Publication',
                    fields=[
                        ('id', models.BigAutoField(primary_key=True, serialize=False)),
                        ('portal', models.CharField(db_index=True, max_length=8, verbose_name='portal')),
                        ('register', models.CharField(choices=[('sending_organizations', 'Sending organizations'), ('improvement_orders', 'Improvement orders')], max_length=32, verbose_name='register')),
                        ('status', models.CharField(choices=[('pending', 'To publish'), ('published', 'Published')], default='pending', max_length=16, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                        ('communication', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='exchange.communication', verbose_name='notice received')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('improvement_order', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='registry.improvementorder', verbose_name='improvement order')),
                        ('published_by', models.ForeignKey(blank=True, help_text='Empty when published automatically on receipt.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='published by')),
                        ('sending_organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='registry.sendingorganization', verbose_name='sending organization')),
                        ('status_change', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='publications', to='registry.statuschange', verbose_name='status change')),
                    ],
                    options={
                        'verbose_name': 'publication',
                        'verbose_name_plural': 'publications',
                        'db_table': 'registry_publication',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(fields=['portal', 'register', 'status'], name='registry_pu_portal_bdfaac_idx')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status_change__isnull', False)), fields=('portal', 'status_change'), name='status_change_published_once_per_portal'), models.UniqueConstraint(condition=models.Q(('improvement_order__isnull', False)), fields=('portal', 'improvement_order'), name='order_published_once_per_portal')],
                    },
                ),
                migrations.CreateModel(
                    name='PublicationSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('auto_publish_on_receipt', models.BooleanField(default=False, help_text='Otherwise a registrar confirms each publication.', verbose_name='publish automatically on receipt')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('side', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='frameworks.side', verbose_name='side')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by')),
                    ],
                    options={
                        'verbose_name': 'publication setting',
                        'verbose_name_plural': 'publication settings',
                        'db_table': 'registry_publicationsettings',
                        'constraints': [models.UniqueConstraint(fields=('framework', 'side'), name='one_publication_setting_per_side')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
