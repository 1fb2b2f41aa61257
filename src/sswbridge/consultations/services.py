"""Every write of the consultations: one transaction each, with its audit entry.

Contact-point officers and officers of either side schedule consultations, set the agenda,
draft the minutes and record action items; the minutes are approved for each side by its
contact-point officers; an action item's progress is reported by its owning side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Agency, Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.cases.models import Case
from sswbridge.consultations import federation as peers
from sswbridge.consultations import reminders
from sswbridge.consultations.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    MinutesApproval,
    MinutesVersion,
    Participant,
    Subject,
)
from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.models import Marking
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework, Side
from sswbridge.intermediaries.models import Intermediary
from sswbridge.sending.models import SendingOrganization

WRITER_ROLES = (Role.CONTACT_POINT, Role.OFFICER)
APPROVER_ROLES = (Role.CONTACT_POINT,)
CONSULTATION_MARKINGS = (Marking.SIDE, Marking.BOTH)
TITLE_MAX = 300
TEXT_MAX = 100_000
CONSULTATION_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place",
    "video_link",
    "status",
    "marking",
)
ACTION_FIELDS = ("title", "owner_agency_id", "due_date", "status", "progress_note", "done_at")

# Moves an action item may make; done and cancelled are final.
ACTION_MOVES: dict[str, tuple[str, ...]] = {
    ActionStatus.OPEN: (ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED),
    ActionStatus.IN_PROGRESS: (ActionStatus.DONE, ActionStatus.CANCELLED),
}


class ConsultationError(Exception):
    """A request refused in the consultation's current state; `code` is machine-readable."""

    status = 409

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


class NotPermitted(PermissionDenied):
    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def may_write(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in WRITER_ROLES)


def may_approve(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in APPROVER_ROLES)


def _require_writer(actor: User) -> None:
    if not may_write(actor):
        raise NotPermitted("role_may_not_write", _("Your role may not change consultations."))


def _require_visible(actor: User, consultation: Consultation) -> Consultation:
    _require_writer(actor)
    found: Consultation | None = (
        Consultation.objects.visible_to(actor)
        .select_for_update(no_key=True)
        .filter(pk=consultation.pk)
        .first()
    )
    if found is None:
        raise ValidationError({"consultation": [str(_("No such consultation."))]})
    return found


def _party(framework: Framework, side: Side, name: str) -> None:
    if side.pk not in {s.pk for s in framework.sides()}:
        raise ValidationError({name: [str(_("This side is not a party to the framework."))]})


def _record(
    actor: User, action: str, obj: Any, framework: Framework, before: Any, after: Any
) -> None:
    audit.record(
        actor=actor, action=action, obj=obj, framework=framework, changes=audit.diff(before, after)
    )


# --- consultations -------------------------------------------------------------------------


def _clean_meeting(
    starts_at: dt.datetime, ends_at: dt.datetime | None, place: str, video_link: str
) -> tuple[str, str]:
    place = clean_text("place", place, limit=300, required=False, line=True)
    video_link = clean_text("video_link", video_link, limit=500, required=False, line=True)
    if video_link:
        try:
            URLValidator(schemes=["https"])(video_link)
        except ValidationError:
            raise ValidationError({"video_link": [str(_("Give an https:// link."))]}) from None
    if not place and not video_link:
        raise ValidationError({"place": [str(_("Give a place or a video link."))]})
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": [str(_("The end must come after the start."))]})
    return place, video_link


def schedule(
    *,
    actor: User,
    framework: Framework,
    title: str,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    place: str = "",
    video_link: str = "",
    marking: str | None = None,
) -> Consultation:
    """A periodic or ad hoc consultation, with its date and its place or video link."""
    title = clean_text("title", title, limit=TITLE_MAX, line=True)
    kind = clean_choice("kind", kind, ConsultationKind.values)
    marking = clean_choice("marking", marking or Marking.BOTH, CONSULTATION_MARKINGS)
    place, video_link = _clean_meeting(starts_at, ends_at, place, video_link)
    with transaction.atomic():
        _require_writer(actor)
        if not Framework.objects.visible_to(actor).filter(pk=framework.pk).exists():
            raise ValidationError({"framework": [str(_("No such framework."))]})
        consultation = Consultation.objects.create(
            framework=framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=marking,
            title=title,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            video_link=video_link,
            created_by=actor,
        )
        after = audit.snapshot(consultation, CONSULTATION_FIELDS)
        _record(actor, AuditAction.CREATE, consultation, framework, None, after)
        return consultation


def set_status(*, actor: User, consultation: Consultation, status: str) -> Consultation:
    """Record that the consultation was held, or cancel it."""
    status = clean_choice("status", status, ConsultationStatus.values)
    with transaction.atomic():
        c = _require_visible(actor, consultation)
        if c.status != ConsultationStatus.PLANNED or status == ConsultationStatus.PLANNED:
            raise ConsultationError(
                "status_final", _("Only a planned consultation can be held or cancelled.")
            )
        before = audit.snapshot(c, CONSULTATION_FIELDS)
        c.status, c.version = status, c.version + 1
        c.save()
        _record(
            actor,
            AuditAction.UPDATE,
            c,
            c.framework,
            before,
            audit.snapshot(c, CONSULTATION_FIELDS),
        )
        return c


def add_participant(
    *,
    actor: User,
    consultation: Consultation,
    side: Side,
    name: str,
    position: str = "",
    agency: Agency | None = None,
) -> Participant:
    name = clean_text("name", name, limit=300, line=True)
    position = clean_text("position", position, limit=300, required=False, line=True)
    with transaction.atomic():
        c = _require_visible(actor, consultation)
        _party(c.framework, side, "side")
        if agency is not None and agency.side_id != side.pk:
            raise ValidationError({"agency": [str(_("This agency belongs to the other side."))]})
        participant = Participant.objects.create(
            consultation=c, side=side, agency=agency, name=name, position=position
        )
        after = {"consultation_id": str(c.pk), "side": side.code, "name": name}
        _record(actor, AuditAction.CREATE, participant, c.framework, None, after)
        return participant


# --- agenda --------------------------------------------------------------------------------

LINKABLE: tuple[tuple[str, Any], ...] = (
    ("cases", Case),
    ("intermediaries", Intermediary),
    ("sending_organizations", SendingOrganization),
    ("communications", Communication),
)


def _linked(
    actor: User, framework: Framework, name: str, model: Any, ids: Sequence[Any]
) -> list[Any]:
    """The records the item links: each visible to the actor and in the same framework."""
    wanted = {str(pk) for pk in ids}
    if not wanted:
        return []
    found = list(model.objects.visible_to(actor).filter(framework=framework, pk__in=wanted))
    if {str(obj.pk) for obj in found} != wanted:
        raise ValidationError({name: [str(_("No such record in this framework."))]})
    return found


def add_agenda_item(
    *,
    actor: User,
    consultation: Consultation,
    title: str,
    subjects: Sequence[str] = (),
    description: str = "",
    is_dispute: bool = False,
    case_ids: Sequence[Any] = (),
    intermediary_ids: Sequence[Any] = (),
    sending_organization_ids: Sequence[Any] = (),
    communication_ids: Sequence[Any] = (),
) -> AgendaItem:
    """An item of the agenda, tagged with the subjects a)–f) of clause 4.2 (or a dispute,
    clause 10), linking the cases, organizations and communications it discusses."""
    title = clean_text("title", title, limit=TITLE_MAX, line=True)
    description = clean_text("description", description, limit=TEXT_MAX, required=False)
    tags = [clean_choice("subjects", s, Subject.values) for s in subjects]
    tags = sorted(set(tags))
    if not tags and not is_dispute:
        raise ValidationError(
            {"subjects": [str(_("Tag the item with at least one subject of clause 4.2."))]}
        )
    with transaction.atomic():
        c = _require_visible(actor, consultation)
        links = {
            name: _linked(actor, c.framework, name, model, ids)
            for (name, model), ids in zip(
                LINKABLE,
                (case_ids, intermediary_ids, sending_organization_ids, communication_ids),
                strict=True,
            )
        }
        last = c.agenda_items.aggregate(n=Max("number"))["n"] or 0
        item = AgendaItem.objects.create(
            consultation=c,
            number=last + 1,
            title=title,
            description=description,
            subjects=tags,
            is_dispute=is_dispute,
            raised_by_side=actor.agency.side,
        )
        for name, objects in links.items():
            getattr(item, name).set(objects)
        after = {
            "consultation_id": str(c.pk),
            "number": item.number,
            "title": title,
            "subjects": tags,
            "is_dispute": is_dispute,
            **{name: sorted(str(o.pk) for o in objs) for name, objs in links.items()},
        }
        _record(actor, AuditAction.CREATE, item, c.framework, None, after)
        return item


def record_outcome(*, actor: User, item: AgendaItem, outcome: str) -> AgendaItem:
    """What the consultation concluded on an item (for a dispute: how it was settled)."""
    outcome = clean_text("outcome", outcome, limit=TEXT_MAX)
    with transaction.atomic():
        c = _require_visible(actor, item.consultation)
        i: AgendaItem = AgendaItem.objects.select_for_update(no_key=True).get(
            pk=item.pk, consultation=c
        )
        before = {"outcome": i.outcome}
        i.outcome, i.version = outcome, i.version + 1
        i.save()
        _record(actor, AuditAction.UPDATE, i, c.framework, before, {"outcome": outcome})
        return i


# --- minutes -------------------------------------------------------------------------------


def minutes_approved(consultation: Consultation) -> bool:
    """Both sides approved the latest version of the minutes."""
    latest = consultation.minutes_versions.order_by("-number").first()
    if latest is None:
        return False
    parties = {s.pk for s in consultation.framework.sides()}
    return parties <= set(latest.approvals.values_list("side_id", flat=True))


def draft_minutes(*, actor: User, consultation: Consultation, text: str) -> MinutesVersion:
    """A new version of the minutes. The side that wrote the first version drafts them; a new
    version needs both approvals again; approved minutes are final."""
    text = clean_text("text", text, limit=TEXT_MAX)
    with transaction.atomic():
        c = _require_visible(actor, consultation)
        first = c.minutes_versions.order_by("number").first()
        if first is not None and first.side_id != actor.agency.side_id:
            raise NotPermitted(
                "not_drafting_side",
                _("The minutes are drafted by the other side; approve them or ask for changes."),
            )
        if minutes_approved(c):
            raise ConsultationError(
                "minutes_approved", _("Both sides have approved the minutes; they are final.")
            )
        last = c.minutes_versions.aggregate(n=Max("number"))["n"] or 0
        version = MinutesVersion.objects.create(
            consultation=c, number=last + 1, text=text, side=actor.agency.side, author=actor
        )
        after = {"consultation_id": str(c.pk), "number": version.number, "text": text}
        _record(actor, AuditAction.CREATE, version, c.framework, None, after)
        peers.send_minutes(actor=actor, version=version)
        return version


def may_approve_version(user: User, version: MinutesVersion) -> bool:
    return may_approve(user) and not version.approvals.filter(side_id=user.agency.side_id).exists()


def approve_minutes(*, actor: User, minutes: MinutesVersion) -> MinutesApproval:
    """The actor's side approves this version (which must be the latest), signed by this
    node's key; with the other side hosted by a peer, the signed approval travels to it."""
    with transaction.atomic():
        if not may_approve(actor):
            raise NotPermitted(
                "role_may_not_approve",
                _("Only a contact-point officer may approve the minutes for a side."),
            )
        c = _require_visible(actor, minutes.consultation)
        latest = c.minutes_versions.order_by("-number").first()
        if latest is None or latest.pk != minutes.pk:
            raise ConsultationError(
                "not_latest_version", _("Only the latest version of the minutes can be approved.")
            )
        side = actor.agency.side
        if latest.approvals.filter(side=side).exists():
            raise ConsultationError("already_approved", _("Your side has already approved them."))
        signed = peers.sign_approval(latest, side, timezone.now())
        approval = MinutesApproval.objects.create(
            minutes=latest, side=side, approved_by=actor, signed=signed
        )
        after = {
            "minutes_id": str(latest.pk),
            "number": latest.number,
            "side": side.code,
            "key_id": signed["act"]["key_id"],
        }
        _record(actor, AuditAction.CREATE, approval, c.framework, None, after)
        peers.send_approval(actor=actor, approval=approval)
        return approval


# --- action items --------------------------------------------------------------------------


def add_action_item(
    *,
    actor: User,
    consultation: Consultation,
    title: str,
    owner_agency: Agency,
    due_date: dt.date,
    description: str = "",
    agenda_item: AgendaItem | None = None,
) -> ActionItem:
    """A corrective measure with its owning side and agency and a due date; reminders are
    scheduled before it is due and once it is overdue."""
    title = clean_text("title", title, limit=TITLE_MAX, line=True)
    description = clean_text("description", description, limit=TEXT_MAX, required=False)
    with transaction.atomic():
        c = _require_visible(actor, consultation)
        _party(c.framework, owner_agency.side, "owner_agency")
        if agenda_item is not None and agenda_item.consultation_id != c.pk:
            raise ValidationError({"agenda_item": [str(_("No such item on this agenda."))]})
        item = ActionItem.objects.create(
            consultation=c,
            agenda_item=agenda_item,
            title=title,
            description=description,
            owner_side=owner_agency.side,
            owner_agency=owner_agency,
            due_date=due_date,
            updated_by=actor,
        )
        _record(
            actor, AuditAction.CREATE, item, c.framework, None, audit.snapshot(item, ACTION_FIELDS)
        )
        reminders.schedule(item)
        return item


def may_update_action(user: User, item: ActionItem) -> bool:
    return may_write(user) and user.agency.side_id == item.owner_side_id and item.is_open


def update_action_item(
    *, actor: User, item: ActionItem, status: str, progress_note: str = ""
) -> ActionItem:
    """The owning side reports progress: in progress, done or cancelled."""
    status = clean_choice("status", status, ActionStatus.values)
    progress_note = clean_text("progress_note", progress_note, limit=TEXT_MAX, required=False)
    with transaction.atomic():
        c = _require_visible(actor, item.consultation)
        a: ActionItem = ActionItem.objects.select_for_update(no_key=True).get(
            pk=item.pk, consultation=c
        )
        if actor.agency.side_id != a.owner_side_id:
            raise NotPermitted(
                "not_owning_side", _("Only the owning side reports progress on an action item.")
            )
        if status not in ACTION_MOVES.get(a.status, ()):
            raise ConsultationError(
                "action_move_not_allowed", _("The action item cannot move to that status.")
            )
        before = audit.snapshot(a, ACTION_FIELDS)
        a.status, a.updated_by, a.version = status, actor, a.version + 1
        if progress_note:
            a.progress_note = progress_note
        if status == ActionStatus.DONE:
            a.done_at = timezone.now()
        a.save()
        _record(actor, AuditAction.UPDATE, a, c.framework, before, audit.snapshot(a, ACTION_FIELDS))
        return a
