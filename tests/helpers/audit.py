"""Audit entries recorded through the service, and an API client for reading them."""

from __future__ import annotations

from typing import Any

from django.test import Client

from sswbridge.accounts.models import ApiToken, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction, AuditEntry
from sswbridge.frameworks.models import Framework


def add_entry(
    actor: User | None,
    *,
    action: str = AuditAction.UPDATE,
    framework: Framework | None = None,
    object_type: str = "registry.intermediary",
    object_id: str = "42",
    changes: dict[str, Any] | None = None,
    side_code: str | None = None,
) -> AuditEntry:
    return audit.record(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        framework=framework,
        changes=changes if changes is not None else audit.diff({"name": "old"}, {"name": "new"}),
        side_code=side_code,
    )


def api_client(user: User) -> Client:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, name="tests", **fields)
    return Client(headers={"Authorization": f"Bearer {raw}"})
