"""Helpers for the register tests: an application examined against a checklist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sswbridge.orders import services as order_services
from sswbridge.sending.services import organizations as sending_services

APPLICATION: dict[str, Any] = {
    "name_en": "Ala-Too Labour Bridge LLC",
    "names": [
        {"value": "«Ала-Тоо Эмгек Көпүрөсү» ЖЧК", "language": "ky"},
        {"value": "ОсОО «Ала-Тоо Трудовой Мост»", "language": "ru"},
    ],
    "legal_form": "llc",
    "registration_number": "123456-3301-OOO",
    "tax_number": "01234567891011",
    "address": "Bishkek, Chui Avenue 100",
    "representatives": "Asanova Aigul (director)\nBekov Nurlan",
    "phone": "+996 312 000 000",
    "email": "office@alatoo.example",
    "website": "https://alatoo.example",
    "permit_number": "P-2026-0042",
    "permit_valid_from": dt.date(2026, 1, 1),
    "permit_valid_until": dt.date(2099, 12, 31),
}


def checklist(actor: Any, framework: Any) -> list[Any]:
    """Two approving standards in the framework's checklist."""
    return [
        sending_services.save_criterion(
            actor=actor, framework=framework, code=code, text=text, sort_order=n
        )
        for n, (code, text) in enumerate(
            [
                ("permit", "Holds a valid permit for employment abroad"),
                ("no-deposits", "Collects no deposits from workers"),
            ]
        )
    ]


def applied(actor: Any, framework: Any, **fields: Any) -> Any:
    return sending_services.apply(
        actor=actor, framework=framework, ssw_fields=["construction"], **{**APPLICATION, **fields}
    )


def approved(actor: Any, framework: Any, **fields: Any) -> Any:
    """An application examined (every criterion met) and approved."""
    org = applied(actor, framework, **fields)
    for criterion in checklist_of(framework) or checklist(actor, framework):
        sending_services.examine(
            actor=actor, organization=org, criterion=criterion, met=True, evidence="Checked"
        )
    return sending_services.decide(
        actor=actor, organization=org, decision="approve", reasons="All standards met"
    )


def checklist_of(framework: Any) -> list[Any]:
    from sswbridge.sending.models import ExaminationCriterion

    return list(ExaminationCriterion.objects.filter(framework=framework, active=True))


def order(actor: Any, framework: Any, **fields: Any) -> Any:
    values: dict[str, Any] = {
        "order_date": dt.date(2026, 3, 2),
        "organization_name": "株式会社さくら精工",
        "organization_name_en": "Sakura Seiko Co., Ltd.",
        "address": "東京都港区1-2-3",
        "representative": "山田 太郎",
        "legal_basis": "Immigration Control Act, Article 19-21, paragraph 1",
        "measures": "Pay the overdue wages and report the measures taken.",
        "improvement_deadline": dt.date(2026, 4, 30),
        **fields,
    }
    return order_services.record_order(actor=actor, framework=framework, **values)
