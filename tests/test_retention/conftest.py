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
    """An SSW (ii) worker with a spouse, not permitted to remain, with a return request."""
    person = services.add_person(
        actor=jp_officer,
        suspension=suspension,
        name="Aibek Toktogulov",
        status_of_residence="ssw_ii",
        employer="Sakura Foods K.K.",
        residence_situation="may_not_remain",
        situation_note="Lives with Aida in Osaka",
        dependants=[
            {"relation": "spouse", "name": "Aida Toktogulova", "date_of_birth": dt.date(1994, 3, 2)}
        ],
    )
    services.request_return_assistance(
        actor=jp_officer,
        person=person,
        assistance="Temporary passport for Aibek Toktogulov and his spouse",
        dependant_ids=[d.pk for d in person.dependants.all()],
    )
    return person


@pytest.fixture
def staying(jp_officer, suspension):  # type: ignore[no-untyped-def]
    return services.add_person(
        actor=jp_officer,
        suspension=suspension,
        name="Nurlan Asanov",
        status_of_residence="ssw_i",
        employer="Fuji Kitchen K.K.",
        residence_situation="may_remain",
    )


@pytest.fixture
def returned(leaving, jp_kg):  # type: ignore[no-untyped-def]
    """The worker's return request, carried through to closed by the partner."""
    from django.utils import timezone

    embassy = factories.make_user("kg-embassy-jp", Role.OFFICER, username="kg_embassy")
    request = leaving.return_requests.get()
    today = timezone.localdate()
    for step in ("received", "passport_issued", "departed", "closed"):
        request = services.advance_return_request(
            actor=embassy, request=request, status=step, on=today
        )
    return leaving
