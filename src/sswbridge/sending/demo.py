"""Demo data of the sending organizations: the checklists, the history of the demo sending
organizations (applied, approved, then suspended or revoked with a date and reason) with
their publications on both portals, and one organization approved through the services (with
its notice to Japan waiting for a Japanese registrar to publish it). With Japan's side on
another node (`serve --demo --nodes 2`) each published step travels there as a register notice
instead of being published on Japan's portal here. Idempotent: nothing is made twice. All
names are invented.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.frameworks.models import Framework
from sswbridge.publication import services as publishing
from sswbridge.publication.models import Publication, PublicationStatus, Register
from sswbridge.sending import federation as register_notices
from sswbridge.sending.models import ExaminationCriterion, SendingOrganization, StatusChange
from sswbridge.sending.models import SendingOrganizationStatus as S
from sswbridge.sending.services import organizations as sending_services

CRITERIA = [
    ("permit", "Holds a valid permit for employment abroad"),
    ("no-deposits", "Collects no deposits or guarantee money from workers"),
    ("fees", "Shows the calculation basis of every fee it charges"),
    ("japanese", "Provides Japanese-language and pre-departure training"),
]
REASONS: dict[str, str] = {
    S.REVOKED: "Collected deposits from workers and withheld their passports (demo).",
    S.SUSPENDED: "Under investigation after a notice of improper activity from Japan (demo).",
}
NEW_ORGANIZATION = {
    "name_en": "Naryn Workforce LLC",
    "names": [
        {"value": "«Нарын Жумушчу Күч» ЖЧК", "language": "ky"},
        {"value": "ОсОО «Нарын Рабочая Сила»", "language": "ru"},
    ],
    "legal_form": "llc",
    "registration_number": "DEMO-KG-NARYN-01",
    "address": "Naryn (demo)",
    "permit_number": "P-DEMO-0001",
}


def _criteria(framework: Framework, registrar: User | None) -> None:
    if registrar is None or ExaminationCriterion.objects.filter(framework=framework).exists():
        return
    for n, (code, text) in enumerate(CRITERIA):
        sending_services.save_criterion(
            actor=registrar, framework=framework, code=code, text=text, sort_order=n
        )


def _step(org: SendingOrganization, actor: User | None, frm: str, to: str, day: dt.date) -> Any:
    change = StatusChange.objects.create(
        organization=org,
        from_status=frm,
        to_status=to,
        effective_date=day,
        reason=REASONS.get(to, ""),
        actor=actor,
        at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
    )
    fields = ("organization_id", "from_status", "to_status", "effective_date", "reason")
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=change,
        framework=org.framework,
        changes=audit.diff(None, audit.snapshot(change, fields)),
    )
    if to == S.APPLIED:
        return change
    portals = [org.originator_side.code.lower(), publishing.japan_portal()]
    if register_notices.federated(org):
        # Japan's portal is on Japan's node: the step travels as a register notice, and is
        # published there by Japan's rule (`publish_arrived`).
        portals = portals[:1]
        register_notices.send(actor=actor, organization=org, change=change)
    for portal in portals:
        item = Publication.objects.create(
            framework=org.framework,
            portal=portal,
            register=Register.SENDING_ORGANIZATIONS,
            status=PublicationStatus.PUBLISHED,
            sending_organization=org,
            status_change=change,
            published_at=change.at + dt.timedelta(days=1),
            published_by=actor if portal != publishing.japan_portal() else None,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            changes=audit.diff(None, audit.snapshot(item, publishing.AUDITED)),
        )
    return change


def _history(users: dict[str, User]) -> None:
    """Steps of the demo organizations that have none yet, published on both portals."""
    start = dt.date(2025, 4, 1)
    for n, org in enumerate(
        SendingOrganization.objects.filter(status_changes__isnull=True).select_related(
            "framework", "originator_side"
        )
    ):
        actor = users.get(f"{org.originator_side.code.lower()}-registrar")
        applied = start + dt.timedelta(days=7 * n)
        _step(org, actor, "", S.APPLIED, applied)
        if org.status == S.APPLIED:
            continue
        _step(org, actor, S.APPLIED, S.APPROVED, applied + dt.timedelta(days=30))
        if org.status in (S.SUSPENDED, S.REVOKED, S.EXPIRED):
            _step(org, actor, S.APPROVED, org.status, applied + dt.timedelta(days=300))


def _approved_through_the_services(framework: Framework, registrar: User | None) -> None:
    number = NEW_ORGANIZATION["registration_number"]
    if registrar is None or SendingOrganization.objects.filter(registration_number=number).exists():
        return
    org = sending_services.apply(
        actor=registrar, framework=framework, ssw_fields=["agriculture", "food-service"],
        **NEW_ORGANIZATION,
    )  # fmt: skip
    for criterion in ExaminationCriterion.objects.filter(framework=framework, active=True):
        sending_services.examine(
            actor=registrar, organization=org, criterion=criterion, met=True, evidence="Seen"
        )
    sending_services.decide(
        actor=registrar, organization=org, decision="approve", reasons="All standards met."
    )


def publish_arrived(registrar: User | None) -> None:
    """On Japan's node (`serve --demo --nodes 2`): Japan's registrar publishes the demo's
    history steps whose register notices arrived from the Kyrgyz node and wait for Japan's
    confirmation (Japan's rule); the approval sent with its notice still waits, as on one node."""
    if registrar is None:
        return
    waiting = Publication.objects.filter(
        portal=publishing.japan_portal(),
        register=Register.SENDING_ORGANIZATIONS,
        status=PublicationStatus.PENDING,
        status_change__communication__isnull=True,
        sending_organization__originator_side__code="KG",
    )
    for item in waiting:
        publishing.publish(actor=registrar, publication=item)


def load(users: dict[str, User]) -> None:
    jp_kg = Framework.objects.get(code="jp-kg")
    kg_registrar = users.get("kg-registrar")
    _criteria(jp_kg, kg_registrar)
    jp_uz = Framework.objects.filter(code="jp-uz").first()
    if jp_uz is not None:
        _criteria(jp_uz, users.get("uz-registrar"))
    _history(users)
    _approved_through_the_services(jp_kg, kg_registrar)
    if kg_registrar is None:
        publish_arrived(users.get("jp-registrar"))


# A new application whose name is a Latin spelling of a reported intermediary, so that its page
# shows automatic screening's hit waiting for a decision. The demo loader runs it after the
# intermediaries and cases exist.
SCREENED_NUMBER = "DEMO-SCREEN-0001"


def load_screened_application(users: dict[str, User]) -> None:
    registrar = users.get("kg-registrar")
    if (
        registrar is None
        or SendingOrganization.objects.filter(registration_number=SCREENED_NUMBER).exists()
    ):
        return
    sending_services.apply(
        actor=registrar,
        framework=Framework.objects.get(code="jp-kg"),
        name_en="Ak Zhol Travel Ltd.",
        registration_number=SCREENED_NUMBER,
        representatives="Bakyt Asanov",
    )
