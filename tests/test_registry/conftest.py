from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from tests.helpers import factories
from tests.helpers.intermediaries import report


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    """An officer of the Kyrgyz contact point (CECA)."""
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    """An officer of the Japanese contact point (ISA)."""
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def kg_auditor(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.AUDITOR, username="kg_auditor")


@pytest.fixture
def ak_jol(kg_cp, jp_kg):  # type: ignore[no-untyped-def]
    return report(kg_cp, jp_kg)


@pytest.fixture
def kg_registrar(jp_kg):  # type: ignore[no-untyped-def]
    """A registrar of the Kyrgyz ministry, who keeps the sending organizations."""
    return factories.make_user("kg-mlssm", Role.REGISTRAR, username="kg_registrar")


@pytest.fixture
def jp_registrar(jp_kg):  # type: ignore[no-untyped-def]
    """A registrar of Japan (ISA), who publishes and records improvement orders."""
    return factories.make_user("isa", Role.REGISTRAR, username="jp_registrar")
