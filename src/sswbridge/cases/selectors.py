"""Reads of cases, always through `visible_to`: a case's tasks, notes, evidence and links are
visible exactly when the case is, and its communications only when they are visible too."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.cases.models import (
    Case,
    CaseCommunication,
    CaseEvent,
    CaseStatus,
    EventKind,
    Evidence,
    Note,
    Task,
    TaskStatus,
)
from sswbridge.exchange.models import Communication, CommunicationStatus
from sswbridge.exchange.redaction import subject_for


@dataclass(frozen=True)
class CaseFilter:
    status: str = ""
    subject_type: str = ""
    q: str = ""
    communication: Any = None


def cases_for(user: Any, filters: CaseFilter | None = None) -> QuerySet[Case]:
    """Every case the user may see, with what the list and detail pages show."""
    qs: QuerySet[Case] = Case.objects.visible_to(user).select_related(
        "framework",
        "originator_side",
        "originator_agency",
        "owner",
        "decided_by",
        "intermediary",
        "sending_organization",
    )
    filters = filters or CaseFilter()
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.subject_type:
        qs = qs.filter(subject_type=filters.subject_type)
    if filters.communication:
        qs = qs.filter(links__communication_id=filters.communication)
    text = filters.q.replace("\x00", "").strip()
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(reference__icontains=text))
    return qs


def cases_about(user: Any, *, intermediary: Any = None, organization: Any = None) -> QuerySet[Case]:
    """The cases on an intermediary or a sending organization that the user may see (for the
    register pages)."""
    qs = cases_for(user)
    if intermediary is not None:
        qs = qs.filter(intermediary=intermediary)
    if organization is not None:
        qs = qs.filter(sending_organization=organization)
    return qs


def tasks_of(case: Case) -> QuerySet[Task]:
    return case.tasks.select_related("owner", "done_by").order_by("created_at")


def notes_of(case: Case) -> QuerySet[Note]:
    return case.notes.select_related("author").order_by("created_at")


def evidence_of(case: Case) -> QuerySet[Evidence]:
    return case.evidence.select_related("uploaded_by").order_by("uploaded_at")


def communications_of(user: Any, case: Case) -> QuerySet[Communication]:
    """The case's communications that the user may see."""
    return (
        Communication.objects.visible_to(user)
        .filter(case_link__case=case)
        .select_related("originator_side", "originator_agency", "recipient_agency")
        .order_by("sent_at", "created_at")
    )


def linkable_communications(user: Any, case: Case) -> QuerySet[Communication]:
    """Communications of the case's framework that the user sees and no case holds yet."""
    return (
        Communication.objects.visible_to(user)
        .filter(framework_id=case.framework_id, case_link__isnull=True)
        .exclude(status=CommunicationStatus.DRAFT)
        .order_by("-sent_at")
    )


def case_of_communication(user: Any, communication: Communication) -> Case | None:
    """The case a communication is linked to, when the user may see that case."""
    link = CaseCommunication.objects.filter(communication=communication).first()
    if link is None:
        return None
    return cases_for(user).filter(pk=link.case_id).first()


def writable_cases(user: Any, framework_id: Any) -> QuerySet[Case]:
    """Open cases of the user's side in a framework: where a communication may be linked."""
    return (
        cases_for(user)
        .filter(framework_id=framework_id, originator_side_id=user.agency.side_id)
        .exclude(status=CaseStatus.CLOSED)
    )


COMMUNICATION_KINDS = ("communication_sent", "communication_acknowledged", "communication_answered")


@dataclass(frozen=True)
class TimelineItem:
    """One dated line of a case's timeline; `kind` is stable, `label` is translated."""

    at: dt.datetime
    kind: str
    label: str
    actor: str
    text: str = ""
    obj: Any = None

    @property
    def is_communication(self) -> bool:
        return self.kind in COMMUNICATION_KINDS


def _name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


EVENT_LABELS: dict[str, Promise] = {
    "communication_sent": _("Communication sent"),
    "communication_acknowledged": _("Communication acknowledged"),
    "communication_answered": _("Communication answered"),
    "task_added": _("Task added"),
    "task_done": _("Task done"),
    "task_cancelled": _("Task cancelled"),
    "note": _("Note"),
    "evidence": _("Evidence added"),
}


def _event_items(user: Any, case: Case, visible_ids: set[Any]) -> list[TimelineItem]:
    items = []
    events = CaseEvent.objects.filter(case=case).select_related("actor", "communication")
    for e in events:
        text = e.summary
        if e.kind == EventKind.STATUS_CHANGED or e.kind == EventKind.OPENED:
            text = str(CaseStatus(e.to_status).label) if e.to_status else ""
        if e.kind == EventKind.CLOSED and e.outcome:
            text = f"{e.get_outcome_display()}: {e.summary}"
        if e.kind == EventKind.COMMUNICATION_LINKED:
            shown = e.communication_id in visible_ids and e.communication is not None
            text = subject_for(user, e.communication) if shown and e.communication else ""
        items.append(TimelineItem(e.at, e.kind, str(e.get_kind_display()), _name(e.actor), text, e))
    return items


def _communication_items(user: Any, communications: list[Communication]) -> list[TimelineItem]:
    items = []
    for c in communications:
        for stamp, kind, who in (
            (c.sent_at, "communication_sent", c.originator_agency),
            (c.acknowledged_at, "communication_acknowledged", c.recipient_agency),
            (c.answered_at, "communication_answered", c.recipient_agency),
        ):
            if stamp is not None:
                items.append(
                    TimelineItem(
                        stamp, kind, str(EVENT_LABELS[kind]), str(who), subject_for(user, c), c
                    )
                )
    return items


def _work_items(case: Case) -> list[TimelineItem]:
    items = []
    for t in tasks_of(case):
        items.append(
            TimelineItem(
                t.created_at,
                "task_added",
                str(EVENT_LABELS["task_added"]),
                _name(t.owner),
                t.title,
                t,
            )
        )
        if t.done_at is not None:
            kind = "task_done" if t.status == TaskStatus.DONE else "task_cancelled"
            items.append(
                TimelineItem(t.done_at, kind, str(EVENT_LABELS[kind]), _name(t.done_by), t.title, t)
            )
    for n in notes_of(case):
        items.append(
            TimelineItem(
                n.created_at, "note", str(EVENT_LABELS["note"]), _name(n.author), n.text, n
            )
        )
    for ev in evidence_of(case):
        items.append(
            TimelineItem(
                ev.uploaded_at,
                "evidence",
                str(EVENT_LABELS["evidence"]),
                _name(ev.uploaded_by),
                ev.original_name,
                ev,
            )
        )
    return items


def timeline(user: Any, case: Case) -> list[TimelineItem]:
    """One chronological list: state changes and decisions, the times of the case's
    communications (sent, acknowledged, answered), tasks, notes and evidence."""
    communications = list(communications_of(user, case))
    visible_ids = {c.pk for c in communications}
    items = (
        _event_items(user, case, visible_ids)
        + _communication_items(user, communications)
        + _work_items(case)
    )
    return sorted(items, key=lambda item: item.at)
