"""Sending organizations and investigations move here from registry (issue 13): state only,
the tables keep their names (registry_sendingorganization, registry_statuschange,
registry_examinationcriterion, registry_examinationresult, registry_investigation,
registry_investigationaction)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0002_initial'),
        ('cases', '0001_initial'),
        ('exchange', '0005_search_trigram_indexes'),
        ('frameworks', '0002_reference_data'),
        ('registry', '0006_improvement_orders_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExaminationCriterion',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('code', models.SlugField(max_length=64, verbose_name='code')),
                        ('text', models.CharField(max_length=500, verbose_name='criterion')),
                        ('guidance', models.TextField(blank=True, verbose_name='what to check')),
                        ('sort_order', models.PositiveIntegerField(default=0, verbose_name='order')),
                        ('active', models.BooleanField(default=True, verbose_name='in use')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='frameworks.framework', verbose_name='framework')),
                    ],
                    options={
                        'verbose_name': 'examination criterion',
                        'verbose_name_plural': 'examination criteria',
                        'db_table': 'registry_examinationcriterion',
                        'ordering': ['framework', 'sort_order', 'code'],
                    },
                ),
                migrations.CreateModel(
                    name='Investigation',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('marking', models.CharField(choices=[('agency', 'Within the originating agency'), ('side', 'Within the originating side'), ('both', 'Both sides of the framework'), ('public', 'Public')], default='both', max_length=16, verbose_name='marking')),
                        ('reported_at', models.DateTimeField(blank=True, null=True, verbose_name='reported at')),
                        ('case', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='investigations', to='cases.case', verbose_name='case')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('notice', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='investigation', to='exchange.communication', verbose_name='notice of improper activity')),
                        ('opened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='opened by')),
                        ('originator_agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.agency', verbose_name='originating agency')),
                        ('originator_side', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.side', verbose_name='originating side')),
                        ('report', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='investigation_report', to='exchange.communication', verbose_name='report of results')),
                    ],
                    options={
                        'verbose_name': 'investigation',
                        'verbose_name_plural': 'investigations',
                        'db_table': 'registry_investigation',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='InvestigationAction',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('kind', models.CharField(choices=[('finding', 'Finding'), ('guidance', 'Guidance given'), ('supervision', 'Supervision')], max_length=16, verbose_name='kind')),
                        ('date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date')),
                        ('text', models.TextField(verbose_name='what was done')),
                        ('investigation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='sending.investigation', verbose_name='investigation')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'investigation action',
                        'verbose_name_plural': 'investigation actions',
                        'db_table': 'registry_investigationaction',
                        'ordering': ['date', 'created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='SendingOrganization',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('marking', models.CharField(choices=[('agency', 'Within the originating agency'), ('side', 'Within the originating side'), ('both', 'Both sides of the framework'), ('public', 'Public')], default='both', max_length=16, verbose_name='marking')),
                        ('name_ky', models.CharField(blank=True, max_length=300, verbose_name='name (Kyrgyz)')),
                        ('name_ru', models.CharField(blank=True, max_length=300, verbose_name='name (Russian)')),
                        ('name_en', models.CharField(max_length=300, verbose_name='name (English)')),
                        ('legal_form', models.CharField(blank=True, choices=[('llc', 'Limited liability company (ОсОО / ЖЧК / ООО)'), ('joint_stock', 'Joint-stock company (ААК / АО)'), ('individual', 'Individual entrepreneur (ИП)'), ('other', 'Other')], max_length=16, verbose_name='legal form')),
                        ('registration_number', models.CharField(max_length=64, verbose_name='state registration number')),
                        ('tax_number', models.CharField(blank=True, max_length=64, verbose_name='tax number')),
                        ('address', models.CharField(blank=True, max_length=500, verbose_name='address')),
                        ('representatives', models.TextField(blank=True, verbose_name='representatives (one a line)')),
                        ('phone', models.CharField(blank=True, max_length=64, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('website', models.URLField(blank=True, verbose_name='web site')),
                        ('permit_number', models.CharField(blank=True, max_length=64, verbose_name='permit for employment abroad (number)')),
                        ('permit_valid_from', models.DateField(blank=True, null=True, verbose_name='permit valid from')),
                        ('permit_valid_until', models.DateField(blank=True, null=True, verbose_name='permit valid until')),
                        ('status', models.CharField(choices=[('applied', 'Applied'), ('approved', 'Approved'), ('refused', 'Refused'), ('suspended', 'Suspended'), ('revoked', 'Revoked'), ('expired', 'Expired')], default='applied', max_length=16, verbose_name='status')),
                        ('decision', models.CharField(blank=True, choices=[('approve', 'Approve'), ('refuse', 'Refuse')], max_length=16, verbose_name='decision')),
                        ('decision_reasons', models.TextField(blank=True, verbose_name='reasons for the decision')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('framework', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.framework', verbose_name='framework')),
                        ('originator_agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.agency', verbose_name='originating agency')),
                        ('originator_side', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frameworks.side', verbose_name='originating side')),
                        ('ssw_fields', models.ManyToManyField(blank=True, related_name='+', to='frameworks.sswfield', verbose_name='intended SSW fields')),
                    ],
                    options={
                        'verbose_name': 'sending organization',
                        'verbose_name_plural': 'sending organizations',
                        'db_table': 'registry_sendingorganization',
                        'ordering': ['name_en'],
                    },
                ),
                migrations.AddField(
                    model_name='investigation',
                    name='organization',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='investigations', to='sending.sendingorganization', verbose_name='sending organization'),
                ),
                migrations.CreateModel(
                    name='ExaminationResult',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='id')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                        ('met', models.BooleanField(verbose_name='met')),
                        ('evidence', models.TextField(blank=True, verbose_name='evidence')),
                        ('examined_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='examined at')),
                        ('criterion', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='results', to='sending.examinationcriterion', verbose_name='criterion')),
                        ('examiner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='examiner')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='examination', to='sending.sendingorganization', verbose_name='sending organization')),
                    ],
                    options={
                        'verbose_name': 'examination result',
                        'verbose_name_plural': 'examination results',
                        'db_table': 'registry_examinationresult',
                        'ordering': ['criterion__sort_order', 'criterion__code'],
                    },
                ),
                migrations.CreateModel(
                    name='StatusChange',
                    fields=[
                        ('id', models.BigAutoField(primary_key=True, serialize=False)),
                        ('from_status', models.CharField(blank=True, choices=[('applied', 'Applied'), ('approved', 'Approved'), ('refused', 'Refused'), ('suspended', 'Suspended'), ('revoked', 'Revoked'), ('expired', 'Expired')], max_length=16, verbose_name='from status')),
                        ('to_status', models.CharField(choices=[('applied', 'Applied'), ('approved', 'Approved'), ('refused', 'Refused'), ('suspended', 'Suspended'), ('revoked', 'Revoked'), ('expired', 'Expired')], max_length=16, verbose_name='to status')),
                        ('effective_date', models.DateField(default=django.utils.timezone.localdate, verbose_name='effective date')),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('communication', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='status_change', to='exchange.communication', verbose_name='notice to the other side')),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='sending.sendingorganization', verbose_name='sending organization')),
                    ],
                    options={
                        'verbose_name': 'status change',
                        'verbose_name_plural': 'status changes',
                        'db_table': 'registry_statuschange',
                        'ordering': ['at', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='examinationcriterion',
                    constraint=models.UniqueConstraint(fields=('framework', 'code'), name='criterion_code_once'),
                ),
                migrations.AddConstraint(
                    model_name='examinationresult',
                    constraint=models.UniqueConstraint(fields=('organization', 'criterion'), name='criterion_examined_once'),
                ),
            ],
            database_operations=[],
        ),
    ]
