"""The demo data set: a second framework, one user of each role per side, and synthetic
intermediaries and sending organizations, so that every page has something on it.

`load_demo()` is idempotent: every row has a stable key (a code, a username, or a UUID
derived from a name), so running it again creates nothing new. All names are invented.

It composes each app's own `demo.py`; this app is the one place allowed to import them all.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from sswbridge.accounts import services as account_services
from sswbridge.accounts.models import Agency, Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.cases import demo as cases_demo
from sswbridge.disclosure import demo as disclosure_demo
from sswbridge.exchange import demo as exchange_demo
from sswbridge.federation import hosting
from sswbridge.frameworks import partner_data
from sswbridge.frameworks.models import ContactPoint, Framework, Side, SideKind
from sswbridge.intermediaries import demo as intermediaries_demo
from sswbridge.intermediaries.models import Intermediary, IntermediaryName, PartyKind, Script
from sswbridge.orders import demo as orders_demo
from sswbridge.sending import demo as sending_demo
from sswbridge.sending.models import (
    SendingOrganization,
    SendingOrganizationName,
    SendingOrganizationStatus,
)
from sswbridge.sending.name_migration import rows_for
from sswbridge.suspensions import demo as suspensions_demo

DEMO_PASSWORD = "Tokyo-Bishkek-2023"
DEMO_EMAIL_DOMAIN = "example.org"
_NAMESPACE = uuid.UUID("5b1e6f2a-3c4d-4e8f-9a0b-1c2d3e4f5a6b")

UZBEK_SIDE: dict[str, Any] = {
    "code": "UZ",
    "kind": SideKind.PARTNER,
    "country": "UZ",
    "name_en": "Republic of Uzbekistan",
    "name_ja": "ウズベキスタン共和国",
    "name_ru": "Республика Узбекистан",
    "name_ky": "Өзбекстан Республикасы",
    "time_zone": "Asia/Tashkent",
}

# (code, parent code, abbreviation, en, ja, ru, ky)
UZBEK_AGENCIES: list[tuple[str, str | None, str, str, str, str, str]] = [
    ("uz-mepr", None, "MEPR", "Ministry of Employment and Poverty Reduction",
     "雇用・貧困削減省", "Министерство занятости и сокращения бедности",
     "Жумуш менен камсыз кылуу жана жакырчылыкты кыскартуу министрлиги"),
    ("uz-aelm", "uz-mepr", "AELM", "Agency for External Labour Migration",
     "対外労働移民庁", "Агентство внешней трудовой миграции",
     "Тышкы эмгек миграциясы агенттиги"),
    ("uz-embassy-jp", None, "EMB", "Embassy of the Republic of Uzbekistan in Japan",
     "駐日ウズベキスタン共和国大使館", "Посольство Республики Узбекистан в Японии",
     "Өзбекстан Республикасынын Япониядагы элчилиги"),
]  # fmt: skip

JP_UZ_FRAMEWORK: dict[str, Any] = {
    "code": "jp-uz",
    "title": (
        "Memorandum of Cooperation between Japan and the Republic of Uzbekistan on a basic "
        "framework for information partnership for proper operation of the system pertaining "
        "to foreign human resources with the status of residence of “Specified Skilled Worker”"
    ),
    "title_ja": (
        "「特定技能」に係る情報連携の基本的枠組みに関する協力覚書（日本国・ウズベキスタン共和国）"
    ),
    "japan_signing_place": "Tokyo",
    "japan_signing_date": dt.date(2019, 12, 17),
    "partner_signing_place": "Tashkent",
    "partner_signing_date": dt.date(2019, 12, 17),
    "status": "in_force",
}

# Agency of each role, per side; the administrator first, as the actor who creates the rest.
ROLE_AGENCIES: dict[str, dict[str, str]] = {
    "jp": {
        Role.ADMINISTRATOR: "isa",
        Role.CONTACT_POINT: "isa",
        Role.OFFICER: "mhlw",
        Role.REGISTRAR: "isa",
        Role.AUDITOR: "moj",
    },
    "kg": {
        Role.ADMINISTRATOR: "kg-ceca",
        Role.CONTACT_POINT: "kg-ceca",
        Role.OFFICER: "kg-embassy-jp",
        Role.REGISTRAR: "kg-mlssm",
        Role.AUDITOR: "kg-mlssm",
    },
    "uz": {
        Role.ADMINISTRATOR: "uz-aelm",
        Role.CONTACT_POINT: "uz-aelm",
        Role.OFFICER: "uz-embassy-jp",
        Role.REGISTRAR: "uz-mepr",
        Role.AUDITOR: "uz-mepr",
    },
}
ROLE_SLUGS: dict[str, str] = {
    Role.CONTACT_POINT: "contact",
    Role.OFFICER: "officer",
    Role.REGISTRAR: "registrar",
    Role.AUDITOR: "auditor",
    Role.ADMINISTRATOR: "admin",
}

# Intermediaries: (key, framework, originating agency, kind, country, marking, names)
Names = list[tuple[str, str, str]]
INTERMEDIARIES: list[tuple[str, str, str, str, str, str, Names]] = [
    ("ak-zhol", "jp-kg", "kg-ceca", PartyKind.CORPORATION, "KG", "both", [
        ("ОсОО Ак-Жол Тревел", Script.CYRILLIC, "ky"),
        ("Ak-Zhol Travel LLC", Script.LATIN, "en"),
        ("アクジョル・トラベル株式会社", Script.JAPANESE, "ja"),
    ]),
    ("asanov", "jp-kg", "kg-ceca", PartyKind.INDIVIDUAL, "KG", "both", [
        ("Асанов Бакыт Уулу", Script.CYRILLIC, "ky"),
        ("Asanov Bakyt Uulu", Script.LATIN, "en"),
        ("アサノフ・バキト・ウール", Script.JAPANESE, "ja"),
    ]),
    ("too-nur", "jp-kg", "kg-ceca", PartyKind.CORPORATION, "KG", "both", [
        ("«Тоо-Нур Сервис» ЖЧК", Script.CYRILLIC, "ky"),
        ("ООО «Тоо-Нур Сервис»", Script.CYRILLIC, "ru"),
        ("Too-Nur Servis LLC", Script.LATIN, "en"),
    ]),
    ("sakura-bridge", "jp-kg", "isa", PartyKind.CORPORATION, "JP", "both", [
        ("株式会社さくら人材ブリッジ", Script.JAPANESE, "ja"),
        ("Sakura Jinzai Bridge Co., Ltd.", Script.LATIN, "en"),
        ("Сакура Дзиндзай Бридж", Script.CYRILLIC, "ru"),
    ]),
    ("tanaka", "jp-kg", "npa", PartyKind.INDIVIDUAL, "JP", "side", [
        ("田中 一郎太", Script.JAPANESE, "ja"),
        ("Tanaka Ichirota", Script.LATIN, "en"),
    ]),
    ("moviy-karvon", "jp-uz", "uz-aelm", PartyKind.CORPORATION, "UZ", "both", [
        ("«Moviy Karvon Xizmat» MChJ", Script.LATIN, "uz"),
        ("ООО «Мовий Карвон Хизмат»", Script.CYRILLIC, "ru"),
        ("モビー・カルボン・サービス有限会社", Script.JAPANESE, "ja"),
    ]),
    ("karimov", "jp-uz", "uz-aelm", PartyKind.INDIVIDUAL, "UZ", "both", [
        ("Каримов Азизбек Шухратович", Script.CYRILLIC, "ru"),
        ("Karimov Azizbek Shukhratovich", Script.LATIN, "en"),
        ("カリモフ・アジズベク", Script.JAPANESE, "ja"),
    ]),
]  # fmt: skip

# Sending organizations: (key, framework, originating agency, status, ky, ru, en)
SENDING_ORGANIZATIONS: list[tuple[str, str, str, str, str, str, str]] = [
    ("jangy-kopuro", "jp-kg", "kg-mlssm", SendingOrganizationStatus.APPROVED,
     "«Жаңы Көпүрө Кадр» ЖЧК", "ОсОО «Жаны Копуро Кадр»", "Jangy Köpürö Staffing LLC"),
    ("too-shamaly", "jp-kg", "kg-mlssm", SendingOrganizationStatus.APPROVED,
     "«Тоо Шамалы Эмгек» ЖЧК", "ОсОО «Тоо Шамалы Эмгек»", "Too Shamaly Labour LLC"),
    ("kok-jaiyk", "jp-kg", "kg-mlssm", SendingOrganizationStatus.APPROVED,
     "«Көк-Жайык Мигрант Колдоо» ЖЧК", "ОсОО «Кок-Жайык Поддержка Мигрантов»",
     "Kök-Jaiyk Migrant Support LLC"),
    ("kara-suu", "jp-kg", "kg-mlssm", SendingOrganizationStatus.REVOKED,
     "«Кара-Суу Жумуш Борбору» ЖЧК", "ОсОО «Кара-Суу Центр Работы»",
     "Kara-Suu Job Centre LLC"),
    ("sary-tash", "jp-kg", "kg-mlssm", SendingOrganizationStatus.SUSPENDED,
     "«Сары-Таш Персонал» ЖЧК", "ОсОО «Сары-Таш Персонал»", "Sary-Tash Personnel LLC"),
    ("jash-kuch", "jp-kg", "kg-mlssm", SendingOrganizationStatus.APPLIED,
     "«Жаш Күч Эмгек» ЖЧК", "ОсОО «Жаш Куч Эмгек»", "Jash Küch Labour LLC"),
    ("zarafshon", "jp-uz", "uz-mepr", SendingOrganizationStatus.APPROVED,
     "", "ООО «Зарафшон Ишчи Кучлари»", "Zarafshon Ishchi Kuchlari LLC"),
    ("chinor", "jp-uz", "uz-mepr", SendingOrganizationStatus.APPROVED,
     "", "ООО «Чинор Мехнат Сервис»", "Chinor Mehnat Servis LLC"),
    ("oltin-vodiy", "jp-uz", "uz-mepr", SendingOrganizationStatus.REVOKED,
     "", "ООО «Олтин Водий Кадрлар»", "Oltin Vodiy Kadrlar LLC"),
]  # fmt: skip


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    agency_code: str
    side_code: str
    totp_secret: str  # base32, for an authenticator app

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def demo_uuid(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{kind}:{key}")


def demo_totp_key(username: str) -> str:
    """A fixed 20-byte TOTP key per demo user, as hex (django-otp's format)."""
    return hashlib.sha256(f"sswbridge-demo-totp:{username}".encode()).digest()[:20].hex()


def totp_secret_base32(hex_key: str) -> str:
    return base64.b32encode(bytes.fromhex(hex_key)).decode()


def _record_created(obj: models.Model, *, actor: User | None = None, side_code: str = "") -> None:
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=obj,
        side_code=None if actor is not None else side_code,
        changes=audit.diff({}, audit.snapshot(obj)),
    )


def _uzbek_framework() -> Framework:
    side = Side.objects.filter(code=UZBEK_SIDE["code"]).first()
    if side is None:
        side = Side.objects.create(**UZBEK_SIDE)
        _record_created(side, side_code="JP")
    for code, parent, abbr, en, ja, ru, ky in UZBEK_AGENCIES:
        if not Agency.objects.filter(code=code).exists():
            agency = Agency.objects.create(
                code=code,
                side=side,
                parent=Agency.objects.filter(code=parent).first() if parent else None,
                abbreviation=abbr,
                name_en=en,
                name_ja=ja,
                name_ru=ru,
                name_ky=ky,
            )
            _record_created(agency, side_code=side.code)
    framework = Framework.objects.filter(code=JP_UZ_FRAMEWORK["code"]).first()
    if framework is None:
        framework = Framework.objects.create(**JP_UZ_FRAMEWORK, partner_side=side)
        partner_data.declare(framework)
        _record_created(framework, side_code="JP")
    contact_points = (
        (Side.objects.get(kind=SideKind.JAPAN), "isa", "Residency Management Division, ISA"),
        (side, "uz-aelm", "Department of Organized Labour Migration, AELM"),
    )
    for cp_side, agency_code, unit in contact_points:
        if not ContactPoint.objects.filter(framework=framework, side=cp_side).exists():
            contact_point = ContactPoint.objects.create(
                framework=framework,
                side=cp_side,
                agency=Agency.objects.get(code=agency_code),
                unit=unit,
            )
            _record_created(contact_point, side_code=cp_side.code)
    return framework


def _demo_user(prefix: str, role: str, agency_code: str, *, actor: User | None) -> User:
    username = f"{prefix}-{ROLE_SLUGS[role]}"
    agency = Agency.objects.select_related("side").get(code=agency_code)
    user = User.objects.filter(username=username).first()
    if user is None:
        user = account_services.create_user(
            actor=actor,
            username=username,
            email=f"{username}@{DEMO_EMAIL_DOMAIN}",
            agency=agency,
            role=role,
            password=DEMO_PASSWORD,
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="demo", key=demo_totp_key(username), confirmed=True
        )
        audit.record(
            actor=None,
            action=AuditAction.CREATE,
            obj=device,
            side_code=agency.side.code,
            changes={"user_id": [None, user.pk], "name": [None, device.name]},
        )
    return user


def _account(user: User) -> DemoAccount:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()
    return DemoAccount(
        username=user.username,
        password=DEMO_PASSWORD,
        role=user.role,
        agency_code=user.agency.code,
        side_code=user.agency.side.code,
        totp_secret=totp_secret_base32(device.key) if device else "",
    )


def _intermediaries(users: dict[str, User]) -> None:
    for key, framework_code, agency_code, kind, country, marking, names in INTERMEDIARIES:
        pk = demo_uuid("intermediary", key)
        agency = _owner(framework_code, agency_code)
        if agency is None or Intermediary.objects.filter(pk=pk).exists():
            continue
        item = Intermediary.objects.create(
            id=pk,
            framework=Framework.objects.get(code=framework_code),
            originator_side=agency.side,
            originator_agency=agency,
            kind=kind,
            country=country,
            marking=marking,
        )
        for n, (value, script, language) in enumerate(names):
            IntermediaryName.objects.create(
                id=demo_uuid("intermediary-name", f"{key}:{n}"),
                intermediary=item,
                value=value,
                script=script,
                language=language,
            )
        actor = users.get(f"{_prefix(agency.side.code)}-contact")
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            changes={
                **audit.diff({}, audit.snapshot(item)),
                "names": [None, [value for value, _script, _lang in names]],
            },
        )


def _sending_organizations(users: dict[str, User]) -> None:
    for key, framework_code, agency_code, status, ky, ru, en in SENDING_ORGANIZATIONS:
        pk = demo_uuid("sending-organization", key)
        agency = _owner(framework_code, agency_code)
        if agency is None or SendingOrganization.objects.filter(pk=pk).exists():
            continue
        number = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 1_000_000
        organization = SendingOrganization.objects.create(
            id=pk,
            framework=Framework.objects.get(code=framework_code),
            originator_side=agency.side,
            originator_agency=agency,
            marking="public" if status != SendingOrganizationStatus.APPLIED else "both",
            name_en=en,
            registration_number=f"DEMO-{agency.side.code}-{number:06d}",
            address="Bishkek (demo)" if agency.side.code == "KG" else "Tashkent (demo)",
            status=status,
        )
        names = rows_for({"name_ky": ky, "name_ru": ru})
        if framework_code == "jp-uz":  # and its name in Uzbek, in the Latin script
            uz = en.replace(" LLC", "") + " MChJ"
            names.append({"value": uz, "language": "uz", "script": "Latn", "sort_order": 2})
        SendingOrganizationName.objects.bulk_create(
            SendingOrganizationName(organization=organization, **row) for row in names
        )
        _record_created(organization, actor=users.get(f"{_prefix(agency.side.code)}-registrar"))


def _prefix(side_code: str) -> str:
    return side_code.lower()


def _owner(framework_code: str, agency_code: str) -> Agency | None:
    """The agency a demo record comes from, when this node hosts its side (a record lives on
    its owner's node: `serve --demo --nodes 2`); None otherwise."""
    agency = Agency.objects.select_related("side").filter(code=agency_code).first()
    if agency is None or not hosting.hosts(framework_code, agency.side.code):
        return None
    return agency


def _hosted_here(prefix: str) -> bool:
    """Whether this node hosts the side `prefix` (jp, kg, uz) in some framework: its demo
    accounts are made here. Every side on a single node."""
    return any(
        hosting.hosts(framework, prefix)
        for framework in Framework.objects.select_related("partner_side")
        if prefix in {side.code.lower() for side in framework.sides()}
    )


def load_demo() -> list[DemoAccount]:
    """Create the demo data set where it is missing; return the demo accounts. The demo's
    audit entries are signed with the node key, made here when it is missing."""
    from sswbridge.core import nodekey

    nodekey.ensure()
    with transaction.atomic():
        if hosting.hosts("jp-uz", "jp") or hosting.hosts("jp-uz", "uz"):
            _uzbek_framework()
        users: dict[str, User] = {}
        for prefix, roles in ROLE_AGENCIES.items():
            if not _hosted_here(prefix):
                continue
            admin: User | None = None
            for role, agency_code in roles.items():
                user = _demo_user(prefix, role, agency_code, actor=admin)
                admin = admin or user
                users[user.username] = user
        _intermediaries(users)
        _sending_organizations(users)
        sending_demo.load(users)
        orders_demo.load(users)
        intermediaries_demo.load(users)
        exchange_demo.load(users, named=cases_demo.broker_ids())
        cases_demo.load(users)
        disclosure_demo.load(users)
        sending_demo.load_screened_application(users)
        suspensions_demo.load(users)
        return [_account(user) for user in users.values()]


def accounts_table(accounts: list[DemoAccount]) -> str:
    """The demo accounts as a plain-text table, for the terminal."""
    headers = [
        str(_("username")),
        str(_("role")),
        str(_("agency")),
        str(_("TOTP secret (base32)")),
    ]
    rows = [[a.username, a.role_label, a.agency_code, a.totp_secret] for a in accounts]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [headers, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    password_line = _("Password for every demo account: %(password)s") % {"password": DEMO_PASSWORD}
    return "\n".join([*lines, "", password_line])
