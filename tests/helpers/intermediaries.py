"""Intermediaries reported through the service, as the register tests make them."""

from __future__ import annotations

from typing import Any

from sswbridge.intermediaries.services import intermediaries as services

AK_JOL = [
    {"value": "ОсОО Ак-Жол Тревел", "script": "Cyrl", "language": "ky"},
    {"value": "Ak-Jol Travel LLC", "script": "Latn", "language": "en"},
]


def report(actor: Any, framework: Any, **fields: Any) -> Any:
    """An intermediary reported through the service (Ak-Jol Travel unless told)."""
    values: dict[str, Any] = {
        "kind": "corporation",
        "country": "KG",
        "names": AK_JOL,
        "identifiers": [{"type": "phone", "value": "+996 (555) 12-34-56"}],
        **fields,
    }
    return services.create_intermediary(actor=actor, framework=framework, **values)
