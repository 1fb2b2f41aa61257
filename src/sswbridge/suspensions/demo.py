"""Demo data of clause 8: a suspension of acceptance in one field of Japan–Kyrgyzstan (shown
on the landing page and both portals), an affected SSW (ii) worker with a spouse who may not
remain, and a return-assistance request waiting for the partner. Idempotent: made once,
through the services. All names are invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sswbridge.frameworks.models import Framework, SSWField
from sswbridge.suspensions import services
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
    )
    services.request_return_assistance(
        actor=officer,
        person=person,
        assistance="Temporary passport through the embassy in Tokyo (demo).",
    )
