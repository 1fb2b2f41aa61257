from __future__ import annotations

import pytest

from sswbridge.accounts.models import Role
from sswbridge.cases import services
from tests.helpers import factories


@pytest.fixture(autouse=True)
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Evidence files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def uz_cp(jp_uz):  # type: ignore[no-untyped-def]
    return factories.make_user("uz-agency", Role.CONTACT_POINT, username="uz_cp")


@pytest.fixture
def case(kg_cp, jp_kg):  # type: ignore[no-untyped-def]
    """A Kyrgyz case on an intermediary, internal to the Kyrgyz side."""
    return services.open_case(
        actor=kg_cp,
        framework=jp_kg,
        title="Ak-Jol Travel takes deposits",
        subject_type="intermediary",
        intermediary=factories.make_intermediary(jp_kg),
    )


@pytest.fixture
def shared_case(kg_cp, jp_kg):  # type: ignore[no-untyped-def]
    """A Kyrgyz case marked for both sides."""
    return services.open_case(
        actor=kg_cp,
        framework=jp_kg,
        title="Forged pass certificates in Osh",
        subject_type="exam_fraud",
        marking="both",
    )
