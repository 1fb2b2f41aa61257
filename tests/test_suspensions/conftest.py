from __future__ import annotations

import datetime as dt

import pytest

from sswbridge.accounts.models import Role
from sswbridge.frameworks.models import SSWField
from sswbridge.suspensions import services
from tests.helpers import factories


@pytest.fixture
def jp_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def embassy(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-embassy-jp", Role.OFFICER, username="kg_embassy")


@pytest.fixture
def suspension(jp_officer, jp_kg):  # type: ignore[no-untyped-def]
    return services.record_suspension(
        actor=jp_officer,
        framework=jp_kg,
        field=SSWField.objects.get(code="food-service"),
        starts_on=dt.date(2026, 4, 1),
        legal_basis="Immigration Control Act, Article 7-2",
        scope="New certificates of eligibility for SSW (i) in food service",
    )


@pytest.fixture
def leaving(jp_officer, suspension):  # type: ignore[no-untyped-def]
    """An SSW (ii) worker with a spouse, not permitted to remain."""
    return services.add_person(
        actor=jp_officer,
        suspension=suspension,
        name="Aibek Toktogulov",
        status_of_residence="ssw_ii",
        employer="Sakura Foods K.K.",
        residence_situation="may_not_remain",
        dependants=[{"relation": "spouse", "name": "Aida Toktogulova"}],
    )


@pytest.fixture
def uz_officer(jp_uz):  # type: ignore[no-untyped-def]
    return factories.make_user("uz-agency", Role.OFFICER, username="uz_officer")
