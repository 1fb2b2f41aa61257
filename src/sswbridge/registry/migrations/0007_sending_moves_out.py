"""Sending organizations and investigations move to the sending app (issue 13): removed from
registry's state only; the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0002_alter_case_sending_organization'),
        ('consultations', '0002_alter_agendaitem_sending_organizations'),
        ('publication', '0003_alter_publication_sending_organization_and_more'),
        ('registry', '0006_improvement_orders_move_out'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='examinationresult',
                    name='criterion',
                ),
                migrations.RemoveField(
                    model_name='examinationresult',
                    name='examiner',
                ),
                migrations.RemoveField(
                    model_name='examinationresult',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='case',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='framework',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='notice',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='opened_by',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='originator_agency',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='originator_side',
                ),
                migrations.RemoveField(
                    model_name='investigation',
                    name='report',
                ),
                migrations.RemoveField(
                    model_name='investigationaction',
                    name='investigation',
                ),
                migrations.RemoveField(
                    model_name='investigationaction',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='sendingorganization',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='sendingorganization',
                    name='framework',
                ),
                migrations.RemoveField(
                    model_name='sendingorganization',
                    name='originator_agency',
                ),
                migrations.RemoveField(
                    model_name='sendingorganization',
                    name='originator_side',
                ),
                migrations.RemoveField(
                    model_name='sendingorganization',
                    name='ssw_fields',
                ),
                migrations.RemoveField(
                    model_name='statuschange',
                    name='organization',
                ),
                migrations.RemoveField(
                    model_name='statuschange',
                    name='actor',
                ),
                migrations.RemoveField(
                    model_name='statuschange',
                    name='communication',
                ),
                migrations.DeleteModel(
                    name='ExaminationCriterion',
                ),
                migrations.DeleteModel(
                    name='ExaminationResult',
                ),
                migrations.DeleteModel(
                    name='Investigation',
                ),
                migrations.DeleteModel(
                    name='InvestigationAction',
                ),
                migrations.DeleteModel(
                    name='SendingOrganization',
                ),
                migrations.DeleteModel(
                    name='StatusChange',
                ),
            ],
            database_operations=[],
        ),
    ]
