from django.db import migrations

from sswbridge.frameworks import reference


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0001_initial"),
        ("accounts", "0002_initial"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(reference.load, migrations.RunPython.noop)]
