from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role, User
from sswbridge.audit.models import AuditAction, AuditEntry
from sswbridge.frameworks.models import Framework
from tests.helpers import factories
from tests.helpers.audit import add_entry


@pytest.fixture
def jp_auditor(db: None) -> User:
    return factories.make_user("isa", Role.AUDITOR, username="jp-auditor")


@pytest.fixture
def kg_auditor(db: None) -> User:
    return factories.make_user("kg-ceca", Role.AUDITOR, username="kg-auditor")


@pytest.fixture
def jp_officer(db: None) -> User:
    return factories.make_user("isa", Role.OFFICER, username="jp-officer")


@pytest.fixture
def kg_officer(db: None) -> User:
    return factories.make_user("kg-ceca", Role.OFFICER, username="kg-officer")


@pytest.fixture
def chain(jp_kg: Framework, jp_officer: User, kg_officer: User) -> list[AuditEntry]:
    """Five entries from both sides, with nested changes, in sequence order."""
    return [
        add_entry(jp_officer, action=AuditAction.CREATE, framework=jp_kg, object_id="1"),
        add_entry(
            kg_officer,
            framework=jp_kg,
            object_id="2",
            changes={"name": ["ОсОО Ак-Жол", "ОсОО Ак-Жол Тревел"], "tags": [["a"], ["a", "b"]]},
        ),
        add_entry(jp_officer, framework=jp_kg, object_id="3", changes={"count": [1, 2.5]}),
        add_entry(kg_officer, action=AuditAction.DELETE, framework=jp_kg, object_id="4"),
        add_entry(jp_officer, action=AuditAction.SIGN_IN, object_type="accounts.user"),
    ]
