"""Demo data of the intermediaries register: a second record of a demo intermediary, which
the duplicates page suggests merging into the first. Idempotent: nothing is made twice. All
names are invented."""

from __future__ import annotations

from sswbridge.accounts.models import User
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import IntermediaryName
from sswbridge.intermediaries.services import intermediaries as intermediary_services


def _duplicate(framework: Framework, contact: User | None) -> None:
    """A second record of Ak-Zhol Travel in a passport spelling: the duplicates page
    suggests merging it into the first (idempotent)."""
    name = "Ak Jol Travel Ltd."
    if contact is None or IntermediaryName.objects.filter(value=name).exists():
        return
    intermediary_services.create_intermediary(
        actor=contact,
        framework=framework,
        kind="corporation",
        country="KG",
        names=[{"value": name, "script": "Latn", "language": "en"}],
        notes="Reported again from a worker's complaint; probably the same agency.",
    )


def load(users: dict[str, User]) -> None:
    _duplicate(Framework.objects.get(code="jp-kg"), users.get("kg-contact"))
