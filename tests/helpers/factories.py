"""Factories for test data: plain functions, readable in one sitting."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY
from sswbridge.accounts.models import Agency, Role, User
from sswbridge.frameworks.models import ContactPoint, Framework, Side, SideKind
from sswbridge.intermediaries.models import Intermediary, IntermediaryName, PartyKind, Script
from sswbridge.sending.models import SendingOrganization

PASSWORD = "correct horse battery staple 7"
_seq = itertools.count(1)


def japan() -> Side:
    return Side.objects.get(kind=SideKind.JAPAN)


def jp_kg() -> Framework:
    return Framework.objects.get(code="jp-kg")


def second_framework() -> Framework:
    """Japan–Uzbekistan, a second framework to prove isolation."""
    side, _ = Side.objects.get_or_create(
        code="UZ",
        defaults={
            "kind": SideKind.PARTNER,
            "country": "UZ",
            "name_en": "Republic of Uzbekistan",
            "time_zone": "Asia/Tashkent",
        },
    )
    Agency.objects.get_or_create(
        code="uz-agency", defaults={"side": side, "name_en": "Agency for External Labour Migration"}
    )
    framework, _ = Framework.objects.get_or_create(
        code="jp-uz",
        defaults={
            "partner_side": side,
            "title": "Memorandum of Cooperation between Japan and Uzbekistan",
            "japan_signing_place": "Tokyo",
            "japan_signing_date": dt.date(2019, 12, 17),
            "partner_signing_place": "Tashkent",
            "partner_signing_date": dt.date(2019, 12, 17),
            "status": "in_force",
        },
    )
    ContactPoint.objects.get_or_create(
        framework=framework, side=side, defaults={"agency": Agency.objects.get(code="uz-agency")}
    )
    return framework


def make_user(
    agency_code: str = "isa",
    role: str = Role.OFFICER,
    *,
    username: str | None = None,
    enrolled: bool = True,
    **extra: Any,
) -> User:
    n = next(_seq)
    username = username or f"user{n}"
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.test",
        password=PASSWORD,
        agency=Agency.objects.get(code=agency_code),
        role=role,
        is_staff=role == Role.ADMINISTRATOR,
        **extra,
    )
    if enrolled:
        TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    return user


def verified_client(user: User) -> Client:
    """A test client signed in with both factors, as after the real sign-in."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # As the sign-in's own requests leave them (accounts/middleware.py).
    session[STARTED_KEY] = session[LAST_SEEN_KEY] = int(time.time())
    session.save()
    return client


def make_intermediary(
    framework: Framework | None = None,
    *,
    agency_code: str = "kg-ceca",
    names: list[tuple[str, str, str]] | None = None,
    marking: str = "both",
) -> Intermediary:
    framework = framework or jp_kg()
    agency = Agency.objects.get(code=agency_code)
    item = Intermediary.objects.create(
        framework=framework,
        originator_side=agency.side,
        originator_agency=agency,
        kind=PartyKind.CORPORATION,
        country=agency.side.country,
        marking=marking,
    )
    for value, script, language in names or [("ОсОО Ак-Жол Тревел", Script.CYRILLIC, "ky")]:
        IntermediaryName.objects.create(
            intermediary=item, value=value, script=script, language=language
        )
    return item


def make_sending_organization(
    framework: Framework | None = None, *, agency_code: str = "kg-ceca", **fields: Any
) -> SendingOrganization:
    framework = framework or jp_kg()
    agency = Agency.objects.get(code=agency_code)
    n = next(_seq)
    values: dict[str, Any] = {
        "name_en": f"Sending Organization {n} LLC",
        "registration_number": f"REG-{n:06d}",
        "status": "approved",
        **fields,
    }
    names = {
        "ky": values.pop("name_ky", f"Жөнөтүүчү уюм {n} ЖЧК"),
        "ru": values.pop("name_ru", f"ОсОО Организация {n}"),
    }
    org = SendingOrganization.objects.create(
        framework=framework, originator_side=agency.side, originator_agency=agency, **values
    )
    for order, (language, value) in enumerate(names.items()):
        if value:
            org.names.create(value=value, language=language, script="Cyrl", sort_order=order)
    return org


def make_communication(
    framework: Framework | None = None,
    *,
    sender: User | None = None,
    kind: str = "general_notice",
    subject: str = "Notice from the Kyrgyz contact point",
    send: bool = True,
    **fields: Any,
) -> Any:
    """A communication made through the exchange services (sent unless send=False)."""
    from sswbridge.exchange import services

    sender = sender or make_user("kg-ceca", Role.CONTACT_POINT)
    create = services.send_new if send else services.create_draft
    return create(
        actor=sender, framework=framework or jp_kg(), kind=kind, subject=subject, **fields
    )
