"""The fixed Kyrgyz and Russian name columns, moved into SendingOrganizationName by 0003."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("sending", "0003_sending_names_from_columns"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='sendingorganization',
            name='name_ky',
        ),
        migrations.RemoveField(
            model_name='sendingorganization',
            name='name_ru',
        ),
    ]
