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
    """A case about the demo's share (exchange/demo.py) and the intermediary it names.

    A case is side-local and needs the register entry it is about: with two nodes
    (`serve --demo --nodes 2`) the entry is on the Kyrgyz node only (the register of
    intermediaries does not travel), so there the Kyrgyz contact point opens it, on its own
    share and entry."""
    framework = Framework.objects.filter(code="jp-kg").first()
    jp, kg = users.get("jp-contact"), users.get("kg-contact")
    share = Communication.objects.filter(framework=framework, subject=exchange_demo.SHARE).first()
    actor = jp or kg
    if framework is None or actor is None or share is None:
        return
    if Case.objects.filter(framework=framework, title=CASE).exists():
        return
    broker = Intermediary.objects.filter(framework=framework, names__value=BROKER).first()
    if broker is None:  # Japan's node with --nodes 2: the case is the Kyrgyz node's
        return
    here = _JAPAN if jp is not None else _KYRGYZ
    case = cases.open_case(
        actor=actor,
        framework=framework,
        title=CASE,
        subject_type="intermediary",
        intermediary=broker,
        description=here["description"],
        marking="both" if jp is not None else "side",
    )
    cases.link_communication(actor=actor, case=case, communication=share)
    cases.add_task(
        actor=actor,
        case=case,
        title=here["task"],
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    cases.add_note(actor=actor, case=case, text=here["note"])


_JAPAN = {
    "description": "Opened on the Kyrgyz share about deposits and penalty contracts.",
    "task": "Ask the accepting organizations in Aichi about the three workers",
    "note": "Regional bureau in Nagoya informed; waiting for its report.",
}
_KYRGYZ = {
    "description": "Opened on our share to Japan about deposits and penalty contracts.",
    "task": "Inspect the office of the intermediary in Bishkek",
    "note": "Shared with Japan; waiting for its findings.",
}
