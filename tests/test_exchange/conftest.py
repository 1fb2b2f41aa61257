from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from tests.helpers import factories


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    """An officer of the Kyrgyz contact point (CECA)."""
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    """An officer of the Japanese contact point (ISA)."""
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def jp_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def share(kg_cp):  # type: ignore[no-untyped-def]
    """The Kyrgyz contact point shares information on an intermediary, acts b) and e)."""
    return factories.make_communication(
        sender=kg_cp,
        kind="intermediary_share",
        subject="Ak-Jol Travel takes deposits and charges fees",
        body="Workers report penalty contracts and unexplained fees.",
        payload={
            "intermediary_names": "ОсОО Ак-Жол Тревел",
            "acts": ["penalty_contract", "unexplained_fees"],
        },
    )
