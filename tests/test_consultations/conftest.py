from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.consultations import services
from tests.helpers import factories


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def jp_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def kg_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.OFFICER, username="kg_officer")


@pytest.fixture
def kg_auditor(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.AUDITOR, username="kg_auditor")


@pytest.fixture
def consultation(jp_officer, jp_kg):  # type: ignore[no-untyped-def]
    return services.schedule(
        actor=jp_officer,
        framework=jp_kg,
        title="Annual consultation 2026",
        kind="periodic",
        starts_at=timezone.now() + dt.timedelta(days=30),
        place="Tokyo, Ministry of Justice",
        video_link="https://meet.example.org/ssw-2026",
    )
