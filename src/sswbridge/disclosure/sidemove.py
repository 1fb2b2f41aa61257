"""What the disclosure tells `side export` (federation/sidemove): a request about the other
side's information is held by both sides (the other side decides it), whatever its marking."""

from __future__ import annotations

from django.db.models import F, Q

from sswbridge.federation.sidemove import registry


def register() -> None:
    registry.shared("disclosure.disclosurerequest", lambda: ~Q(owner_side=F("originator_side")))
