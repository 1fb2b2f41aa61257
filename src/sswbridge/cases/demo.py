"""The demo's case: opened on the Kyrgyz share about an intermediary, with a task and a note.
Through the services (with its audit entries); idempotent: a case whose title exists in the
framework is not made again. All names are invented."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.cases import services as cases
from sswbridge.cases.models import Case
from sswbridge.exchange import demo as exchange_demo
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import Intermediary

CASE = "Ak-Zhol Travel LLC: deposits and penalty contracts (demo)"
BROKER = "Ak-Zhol Travel LLC"
"""The intermediary the share names and the case is about (made by the demo loader)."""


def broker_ids() -> list[object]:
    """The id of the intermediary the case is about, for the demo's share to name."""
    return list(
        Intermediary.objects.filter(framework__code="jp-kg", names__value=BROKER).values_list(
            "pk", flat=True
        )
    )


def load(users: dict[str, User]) -> None:
    """A case about the demo's share (exchange/demo.py) and the intermediary it names."""
    framework = Framework.objects.filter(code="jp-kg").first()
    jp = users.get("jp-contact")
    share = Communication.objects.filter(framework=framework, subject=exchange_demo.SHARE).first()
    if framework is None or jp is None or share is None:
        return
    if Case.objects.filter(framework=framework, title=CASE).exists():
        return
    broker = Intermediary.objects.filter(framework=framework, names__value=BROKER).first()
    if broker is None:  # a Kyrgyz register entry, on the Kyrgyz node only (--nodes 2)
        return
    case = cases.open_case(
        actor=jp,
        framework=framework,
        title=CASE,
        subject_type="intermediary",
        intermediary=broker,
        description="Opened on the Kyrgyz share about deposits and penalty contracts.",
        marking="both",
    )
    cases.link_communication(actor=jp, case=case, communication=share)
    cases.add_task(
        actor=jp,
        case=case,
        title="Ask the accepting organizations in Aichi about the three workers",
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    cases.add_note(
        actor=jp, case=case, text="Regional bureau in Nagoya informed; waiting for its report."
    )
