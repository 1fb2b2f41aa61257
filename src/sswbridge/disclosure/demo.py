"""A demo disclosure request, granted, so that the disclosure pages have something on them.

Japan's officer asks to pass the subject and the acts of the Kyrgyz demo share to a
prosecutor; the Kyrgyz contact point grants it. Through the services; idempotent (nothing is
made when the demo share already has a request). All names are invented.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.disclosure import services
from sswbridge.disclosure.models import DisclosureItem
from sswbridge.exchange.demo import SHARE
from sswbridge.exchange.models import Communication


def load(users: dict[str, User]) -> None:
    officer, kg = users.get("jp-officer"), users.get("kg-contact")
    share = Communication.objects.filter(framework__code="jp-kg", subject=SHARE).first()
    if officer is None or kg is None or share is None:
        return
    if DisclosureItem.objects.filter(communication=share).exists():
        return
    request = services.file_request(
        actor=officer,
        third_party_type="prosecutor",
        third_party_name="Nagoya District Public Prosecutors Office (demo)",
        purpose="Investigation of deposits and penalty contracts taken from workers in Aichi.",
        items=[
            {"kind": "communication", "id": str(share.pk), "fields": ["subject", "payload.acts"]}
        ],
    )
    services.grant(
        actor=kg,
        request=request,
        expires_on=timezone.localdate() + dt.timedelta(days=90),
        conditions="Only for this investigation; no onward disclosure without a new consent.",
    )
