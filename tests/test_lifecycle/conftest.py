from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from tests.helpers import factories


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def kg_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.OFFICER, username="kg_officer")


@pytest.fixture
def jp_auditor(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.AUDITOR, username="jp_auditor")
