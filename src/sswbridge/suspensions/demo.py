"""Demo data of clause 8: a suspension of acceptance in one field of Japan–Kyrgyzstan (shown
on the landing page and both portals), an affected SSW (ii) worker with a spouse who may not
remain, and a return-assistance request waiting for the partner; the persons carry what an
embassy needs (passport, residence card, date of birth...), and the Kyrgyz embassy has
issued one a temporary travel document. Idempotent: made once,
through the services. All names are invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.suspensions import services, travel
from sswbridge.suspensions.models import Suspension


def load(users: dict[str, Any]) -> None:
    framework = Framework.objects.filter(code="jp-kg").first()
    officer = users.get("jp-officer")
    field = SSWField.objects.filter(active=True).order_by("code").first()
    if framework is None or officer is None or field is None:
        return
    if Suspension.objects.filter(framework=framework).exists():
        return
    suspension = services.record_suspension(
        actor=officer,
        framework=framework,
        field=field,
        starts_on=dt.date.today() - dt.timedelta(days=20),
        legal_basis="Immigration Control Act, Article 7-2 (demo)",
        scope="New certificates of eligibility in this field (demo).",
    )
    person = services.add_person(
        actor=officer,
        suspension=suspension,
        name="Demo Worker Uulu (demo)",
        status_of_residence="ssw_ii",
        employer="Sakura Demo Foods K.K.",
        residence_situation="may_not_remain",
        dependants=[{"relation": "spouse", "name": "Demo Spouse Kyzy (demo)"}],
        nationality="Kyrgyz Republic",
        passport_number="AC0000001",
        residence_card_number="XX00000001AB",
        date_of_birth=dt.date(1991, 5, 2),
        contact="+81 90 0000 0001 (demo)",
    )
    for name, passport, card, born in (
        ("Demo Worker Asanov (demo)", "AC0000002", "XX00000002AB", dt.date(1996, 8, 17)),
        ("Demo Worker Tokonova (demo)", "AC0000003", "XX00000003AB", dt.date(1999, 1, 23)),
    ):
        services.add_person(
            actor=officer,
            suspension=suspension,
            name=name,
            status_of_residence="ssw_i",
            employer="Sakura Demo Foods K.K.",
            nationality="Kyrgyz Republic",
            passport_number=passport,
            residence_card_number=card,
            date_of_birth=born,
            contact="demo@example.invalid",
        )
    services.request_return_assistance(
        actor=officer,
        person=person,
        assistance="Temporary passport through the embassy in Tokyo (demo).",
    )
    embassy = users.get("kg-officer")
    if embassy is not None:
        today = dt.date.today()
        document = travel.request_travel_document(
            actor=embassy,
            person=person,
            issuing_mission="Embassy of the Kyrgyz Republic in Japan (demo)",
            requested_on=today - dt.timedelta(days=5),
        )
        travel.advance_travel_document(
            actor=embassy,
            document=document,
            status="issued",
            on=today - dt.timedelta(days=2),
            document_number="TD0000001",
        )
