"""The data migration of issue 16: the fixed `name_ky` and `name_ru` columns of a sending
organization become rows of SendingOrganizationName. Kept out of the migration file so
tests can run it."""

from __future__ import annotations

from typing import Any

from sswbridge.core.scripts import guess_script

LEGACY_COLUMNS = (("name_ky", "ky"), ("name_ru", "ru"))


def rows_for(values: dict[str, str]) -> list[dict[str, Any]]:
    """The names an organization's old columns become, in the order ky, ru."""
    rows = []
    for order, (column, language) in enumerate(LEGACY_COLUMNS):
        value = (values.get(column) or "").strip()
        if value:
            rows.append(
                {
                    "value": value,
                    "language": language,
                    "script": guess_script(value),
                    "sort_order": order,
                }
            )
    return rows


def move_names(apps: Any, schema_editor: Any = None) -> None:
    Organization = apps.get_model("sending", "SendingOrganization")
    Name = apps.get_model("sending", "SendingOrganizationName")
    for org in Organization.objects.all().values("pk", "name_ky", "name_ru").iterator():
        if Name.objects.filter(organization_id=org["pk"]).exists():
            continue  # run once
        Name.objects.bulk_create(Name(organization_id=org["pk"], **row) for row in rows_for(org))
