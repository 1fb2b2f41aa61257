"""Every write on cases: one transaction each, with its audit entry and its timeline event.

A case is work of the side that opened it: only writers (contact points, officers,
registrars) of that side change it, and only while they can see it. A case marked for both
sides is read by the other side, never changed by it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.cases.models import (
    STATUS_PATH,
    Case,
    CaseCommunication,
    CaseEvent,
    CaseStatus,
    EventKind,
    Evidence,
    Note,
    Outcome,
    SubjectType,
    Task,
    TaskStatus,
)
from sswbridge.core.cleaning import clean_text
from sswbridge.core.models import Marking
from sswbridge.exchange.files import inspect_upload
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.locks import guard
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import Intermediary
from sswbridge.sending.models import SendingOrganization

WRITER_ROLES = (Role.CONTACT_POINT, Role.OFFICER, Role.REGISTRAR)
CASE_MARKINGS = (Marking.AGENCY, Marking.SIDE, Marking.BOTH)
TITLE_MAX = 300
TEXT_MAX = 50_000
CASE_AUDITED = (
    "framework_id",
    "reference",
    "title",
    "subject_type",
    "intermediary_id",
    "sending_organization_id",
    "marking",
    "status",
    "owner_id",
    "outcome",
    "decision",
    "decided_by_id",
    "decided_at",
)


class CaseError(Exception):
    """A request on a case that is refused; `code` is machine-readable, `message` translated."""

    status = 400

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


class CaseConflict(CaseError):
    """The case or task is not in a state that allows this."""

    status = 409


class NotPermitted(PermissionDenied):
    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def may_write(user: User) -> bool:
    """The role may work on cases at all (auditors and administrators only read)."""
    return bool(getattr(user, "is_authenticated", False) and user.role in WRITER_ROLES)


def may_change(user: User, case: Case) -> bool:
    return may_write(user) and user.agency.side_id == case.originator_side_id


def may_reopen(user: User, case: Case) -> bool:
    return may_change(user, case) and user.role == Role.CONTACT_POINT and case.is_closed


def _require_change(actor: User, case: Case) -> None:
    if not may_write(actor):
        raise NotPermitted("role_may_not_write", _("Your role may not change cases."))
    if not may_change(actor, case):
        raise NotPermitted("other_side_case", _("Only the side that opened a case may change it."))


def _title(value: str) -> str:
    return clean_text("title", value, limit=TITLE_MAX, line=True)


def _locked(case: Case) -> Case:
    locked: Case = Case.objects.select_for_update(no_key=True).get(pk=case.pk)
    return locked


def _record(actor: User, action: str, obj: Any, before: Any, after: Any, case: Case) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=obj,
        framework=case.framework,
        changes=audit.diff(before, after),
    )


def _event(case: Case, actor: User, kind: str, **fields: Any) -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor, kind=kind, **fields)


def may_own(user: User, case: Case) -> bool:
    """The owner of a case or of its task must be able to see the case."""
    return Case.objects.visible_to(user).filter(pk=case.pk).exists()


def _require_sees(user: User, case: Case, field: str) -> None:
    if not may_own(user, case):
        raise ValidationError({field: [str(_("This person cannot see the case."))]})


def task_owners(case: Case) -> QuerySet[User]:
    """Whom the case page offers as a task's owner: the active users of the side that opened
    it who may own it (`may_own`: of its agency only, when it is marked for the agency)."""
    users = User.objects.filter(is_active=True, agency__side_id=case.originator_side_id)
    if case.marking == Marking.AGENCY:
        users = users.filter(agency_id=case.originator_agency_id)
    return users.select_related("agency").order_by("username")


def _next_reference(framework: Framework, year: int) -> str:
    """The next reference of the framework in the year: JP-KG-2026-0001, JP-KG-2026-0002, …"""
    guard(framework.pk)  # numbering is serialized on the framework (step 1 of the lock order)
    prefix = f"{framework.code.upper()}-{year}-"
    last = (
        Case.objects.filter(framework=framework, reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _subject_links(
    actor: User,
    framework: Framework,
    intermediary: Intermediary | None,
    sending_organization: SendingOrganization | None,
) -> None:
    for name, obj, model in (
        ("intermediary", intermediary, Intermediary),
        ("sending_organization", sending_organization, SendingOrganization),
    ):
        if obj is None:
            continue
        visible = model.objects.visible_to(actor).filter(pk=obj.pk, framework=framework)
        if not visible.exists():
            raise ValidationError({name: [str(_("No such record in this framework."))]})


def open_case(
    *,
    actor: User,
    framework: Framework,
    title: str,
    subject_type: str,
    description: str = "",
    intermediary: Intermediary | None = None,
    sending_organization: SendingOrganization | None = None,
    marking: str | None = None,
    owner: User | None = None,
) -> Case:
    """Open a case in a framework the actor takes part in; it starts as `open`."""
    if not may_write(actor):
        raise NotPermitted("role_may_not_write", _("Your role may not open cases."))
    title = _title(title)
    description = clean_text("description", description, required=False, limit=TEXT_MAX)
    if subject_type not in SubjectType.values:
        raise ValidationError({"subject_type": [str(_("Choose a valid subject."))]})
    marking = marking or Marking.SIDE
    if marking not in CASE_MARKINGS:
        raise ValidationError(
            {"marking": [str(_("Cases are never public; choose agency, side or both."))]}
        )
    with transaction.atomic():
        if not Framework.objects.visible_to(actor).filter(pk=framework.pk).exists():
            raise CaseError("unknown_framework", _("No such framework."))
        _subject_links(actor, framework, intermediary, sending_organization)
        now = timezone.now()
        case = Case.objects.create(
            framework=framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=marking,
            reference=_next_reference(framework, timezone.localdate(now).year),
            title=title,
            description=description,
            subject_type=subject_type,
            intermediary=intermediary,
            sending_organization=sending_organization,
            owner=owner or actor,
            created_at=now,
        )
        if owner is not None:
            _require_sees(owner, case, "owner")
        _event(case, actor, EventKind.OPENED, to_status=case.status, at=now)
        _record(actor, AuditAction.CREATE, case, None, audit.snapshot(case, CASE_AUDITED), case)
        return case


def allowed_moves(case: Case) -> list[str]:
    """The statuses `change_status` may move the case to (closing has its own action)."""
    if case.is_closed:
        return []
    here = STATUS_PATH.index(case.status)
    return [s for s in STATUS_PATH[here + 1 :] if s != CaseStatus.CLOSED]


def change_status(*, actor: User, case: Case, status: str) -> Case:
    """Move a case forward along open → under investigation → awaiting the other side."""
    if status == CaseStatus.CLOSED:
        raise CaseError("close_needs_outcome", _("Close a case with an outcome and a decision."))
    if status not in CaseStatus.values:
        raise ValidationError({"status": [str(_("Choose a valid status."))]})
    with transaction.atomic():
        c = _locked(case)
        _require_change(actor, c)
        if status not in allowed_moves(c):
            raise CaseConflict(
                "status_move_not_allowed",
                _("A case moves only forward: %(from)s cannot become %(to)s.")
                % {"from": c.get_status_display(), "to": CaseStatus(status).label},
            )
        before = audit.snapshot(c, CASE_AUDITED)
        _event(c, actor, EventKind.STATUS_CHANGED, from_status=c.status, to_status=status)
        c.status = status
        c.save(update_fields=["status", "updated_at"])
        _record(actor, AuditAction.UPDATE, c, before, audit.snapshot(c, CASE_AUDITED), c)
        return c


def close_case(*, actor: User, case: Case, outcome: str, decision: str) -> Case:
    """Close a case with its outcome and the text of the decision."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": [str(_("Choose the outcome of the case."))]})
    decision = clean_text("decision", decision, required=True, limit=TEXT_MAX)
    with transaction.atomic():
        c = _locked(case)
        _require_change(actor, c)
        if c.is_closed:
            raise CaseConflict("already_closed", _("The case is already closed."))
        before = audit.snapshot(c, CASE_AUDITED)
        now = timezone.now()
        _event(
            c,
            actor,
            EventKind.CLOSED,
            at=now,
            from_status=c.status,
            to_status=CaseStatus.CLOSED,
            outcome=outcome,
            summary=decision,
        )
        c.status = CaseStatus.CLOSED
        c.outcome, c.decision, c.decided_by, c.decided_at = outcome, decision, actor, now
        c.save()
        _record(actor, AuditAction.UPDATE, c, before, audit.snapshot(c, CASE_AUDITED), c)
        return c


def reopen(*, actor: User, case: Case, reason: str = "") -> Case:
    """A contact point reopens a closed case; the earlier decision stays in the timeline."""
    reason = clean_text("reason", reason, required=False, limit=TEXT_MAX)
    with transaction.atomic():
        c = _locked(case)
        _require_change(actor, c)
        if actor.role != Role.CONTACT_POINT:
            raise NotPermitted("contact_point_only", _("Only a contact point may reopen a case."))
        if not c.is_closed:
            raise CaseConflict("not_closed", _("Only a closed case can be reopened."))
        before = audit.snapshot(c, CASE_AUDITED)
        _event(
            c,
            actor,
            EventKind.REOPENED,
            from_status=c.status,
            to_status=CaseStatus.OPEN,
            summary=reason,
        )
        c.status = CaseStatus.OPEN
        c.outcome, c.decision, c.decided_by, c.decided_at = "", "", None, None
        c.save()
        _record(actor, AuditAction.UPDATE, c, before, audit.snapshot(c, CASE_AUDITED), c)
        return c


def link_communication(
    *, actor: User, case: Case, communication: Communication
) -> CaseCommunication:
    """Link a communication the actor can see, of the case's framework, to the case."""
    with transaction.atomic():
        c = _locked(case)
        _require_change(actor, c)
        visible = Communication.objects.visible_to(actor).filter(
            pk=communication.pk, framework_id=c.framework_id
        )
        if not visible.exists():
            raise ValidationError(
                {"communication": [str(_("No such communication in this framework."))]}
            )
        existing = CaseCommunication.objects.filter(communication=communication).first()
        if existing is not None:
            code = "already_linked_here" if existing.case_id == c.pk else "already_linked"
            raise CaseConflict(code, _("This communication is already linked to a case."))
        link = CaseCommunication.objects.create(
            case=c, communication=communication, linked_by=actor
        )
        _event(c, actor, EventKind.COMMUNICATION_LINKED, communication=communication)
        _record(
            actor,
            AuditAction.CREATE,
            link,
            None,
            {"case_id": str(c.pk), "communication_id": str(communication.pk)},
            c,
        )
        return link


def add_task(
    *,
    actor: User,
    case: Case,
    title: str,
    owner: User | None = None,
    due_date: dt.date | None = None,
) -> Task:
    title = _title(title)
    with transaction.atomic():
        c = _locked(case)
        _require_change(actor, c)
        if c.is_closed:
            raise CaseConflict("case_closed", _("The case is closed."))
        owner = owner or actor
        _require_sees(owner, c, "owner")
        task = Task.objects.create(
            case=c, title=title, owner=owner, created_by=actor, due_date=due_date
        )
        after = audit.snapshot(task, ("case_id", "title", "owner_id", "due_date", "status"))
        _record(actor, AuditAction.CREATE, task, None, after, c)
        return task


def _finish_task(actor: User, task: Task, status: str) -> Task:
    with transaction.atomic():
        t: Task = Task.objects.select_for_update(no_key=True).select_related("case").get(pk=task.pk)
        _require_change(actor, t.case)
        if t.status != TaskStatus.OPEN:
            raise CaseConflict("task_not_open", _("The task is no longer open."))
        fields = ("status", "done_at", "done_by_id")
        before = audit.snapshot(t, fields)
        t.status, t.done_at, t.done_by = status, timezone.now(), actor
        t.save()
        _record(actor, AuditAction.UPDATE, t, before, audit.snapshot(t, fields), t.case)
        return t


def complete_task(*, actor: User, task: Task) -> Task:
    return _finish_task(actor, task, TaskStatus.DONE)


def cancel_task(*, actor: User, task: Task) -> Task:
    return _finish_task(actor, task, TaskStatus.CANCELLED)


def add_note(*, actor: User, case: Case, text: str) -> Note:
    text = clean_text("text", text, required=True, limit=TEXT_MAX)
    with transaction.atomic():
        c = _locked(case)
        _require_change(actor, c)
        note = Note.objects.create(case=c, author=actor, text=text)
        _record(actor, AuditAction.CREATE, note, None, {"case_id": str(c.pk), "text": text}, c)
        return note


def add_evidence(*, actor: User, case: Case, uploaded_file: Any) -> Evidence:
    """Keep a file for the case: type checked by content, size limited, SHA-256 stored.

    A refused file raises ValidationError and leaves nothing behind: no row, no file.
    """
    check = inspect_upload(uploaded_file)
    evidence: Evidence | None = None
    try:
        with transaction.atomic():
            c = _locked(case)
            _require_change(actor, c)
            evidence = Evidence(
                case=c,
                original_name=check.name,
                content_type=check.content_type,
                size=check.size,
                sha256=check.sha256,
                uploaded_by=actor,
            )
            uploaded_file.seek(0)
            content = uploaded_file if hasattr(uploaded_file, "chunks") else File(uploaded_file)
            evidence.file.save(check.name, content, save=False)
            evidence.save()
            after = audit.snapshot(
                evidence, ("case_id", "original_name", "content_type", "size", "sha256")
            )
            _record(actor, AuditAction.CREATE, evidence, None, after, c)
            return evidence
    except BaseException:
        if evidence is not None and evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise


def record_download(*, actor: User, evidence: Evidence) -> None:
    """Every download of an evidence file leaves an audit entry."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=AuditAction.OTHER,
            obj=evidence,
            framework=evidence.case.framework,
            changes={"download": evidence.original_name},
        )
