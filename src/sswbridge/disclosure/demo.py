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
from sswbridge.disclosure.models import DisclosureItem, DisclosureRequest, RequestStatus
from sswbridge.exchange.demo import SHARE
from sswbridge.exchange.models import Communication

CONDITIONS = "Only for this investigation; no onward disclosure without a new consent."


def load(users: dict[str, User]) -> None:
    """With two nodes (`serve --demo --nodes 2`) Japan's officer files the request on Japan's
    node once the share has arrived there, the request travels to the Kyrgyz node, and its
    contact point grants it there in a later pass; the signed consent travels back."""
    officer, kg = users.get("jp-officer"), users.get("kg-contact")
    share = Communication.objects.filter(framework__code="jp-kg", subject=SHARE).first()
    if share is None or (officer is None and kg is None):
        return
    if officer is not None and kg is None and share.delivered_at is not None:
        if not DisclosureItem.objects.filter(communication=share).exists():
            _file(officer, share)
        return
    if officer is None and kg is not None:
        for waiting in DisclosureRequest.objects.filter(
            items__communication=share, owner_side=kg.agency.side, status=RequestStatus.PENDING
        ).distinct():
            _grant(kg, waiting)
        return
    if officer is None or kg is None:
        return
    if DisclosureItem.objects.filter(communication=share).exists():
        return
    _grant(kg, _file(officer, share))


def _file(officer: User, share: Communication) -> DisclosureRequest:
    return services.file_request(
        actor=officer,
        third_party_type="prosecutor",
        third_party_name="Nagoya District Public Prosecutors Office (demo)",
        purpose="Investigation of deposits and penalty contracts taken from workers in Aichi.",
        items=[
            {"kind": "communication", "id": str(share.pk), "fields": ["subject", "payload.acts"]}
        ],
    )


def _grant(kg: User, request: DisclosureRequest) -> None:
    services.grant(
        actor=kg,
        request=request,
        expires_on=timezone.localdate() + dt.timedelta(days=90),
        conditions=CONDITIONS,
    )
