"""name_ky and name_ru become names (language ky / ru, script guessed: Cyrl for both in
practice); name_en stays the name an organization is listed under."""

from django.db import migrations

from sswbridge.sending.name_migration import move_names


class Migration(migrations.Migration):
    dependencies = [
        ("sending", "0002_sending_organization_names"),
    ]

    operations = [migrations.RunPython(move_names, migrations.RunPython.noop)]
