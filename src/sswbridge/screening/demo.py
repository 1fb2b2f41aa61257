"""Demo of automatic screening: a new application whose name is a Latin spelling of a
reported intermediary, so that its page shows a hit waiting for a decision (idempotent)."""

from __future__ import annotations

from sswbridge.accounts.models import User
from sswbridge.frameworks.models import Framework
from sswbridge.sending.models import SendingOrganization
from sswbridge.sending.services import organizations as sending_services

NUMBER = "DEMO-SCREEN-0001"


def load(users: dict[str, User]) -> None:
    registrar = users.get("kg-registrar")
    if registrar is None or SendingOrganization.objects.filter(registration_number=NUMBER).exists():
        return
    sending_services.apply(
        actor=registrar,
        framework=Framework.objects.get(code="jp-kg"),
        name_en="Ak Zhol Travel Ltd.",
        registration_number=NUMBER,
        representatives="Bakyt Asanov",
    )
