"""Investigations after a notice of improper activity (clause 7.3).

The partner opens an investigation of the approved organization the notice is about. Its
thread of work is a case about the organization (the notice linked to it); the guidance and
supervision given are recorded on the investigation and noted in the case; the report of
results is sent as the answer to the notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.cases import services as cases
from sswbridge.cases.models import Case, CaseCommunication, SubjectType
from sswbridge.core.cleaning import clean_choice, clean_text
from sswbridge.core.models import Marking
from sswbridge.exchange import receipts
from sswbridge.exchange.models import Communication
from sswbridge.sending.models import (
    ActionKind,
    Investigation,
    InvestigationAction,
    SendingOrganization,
)
from sswbridge.sending.services import NotPermitted

NOTICE_KIND = "improper_activity_notice"
REPORT_KIND = "results_report"
WRITER_ROLES = (Role.CONTACT_POINT, Role.OFFICER, Role.REGISTRAR)
AUDITED = ("framework_id", "organization_id", "notice_id", "case_id", "report_id", "reported_at")


def may_investigate(user: User, investigation: Investigation | None = None) -> bool:
    """Writers of the partner side investigate (auditors and administrators only read)."""
    if not (getattr(user, "is_authenticated", False) and user.role in WRITER_ROLES):
        return False
    if user.is_japan:
        return False
    return investigation is None or user.agency.side_id == investigation.originator_side_id


def _require(actor: User, investigation: Investigation | None = None) -> None:
    if not may_investigate(actor, investigation):
        raise NotPermitted(
            "may_not_investigate", _("Only officers of the partner side investigate.")
        )


def _case_for(actor: User, notice: Communication, org: SendingOrganization) -> Case:
    """The case the notice is linked to, or a new case about the organization."""
    link = CaseCommunication.objects.filter(communication=notice).select_related("case").first()
    if link is not None:
        if not cases.may_change(actor, link.case):
            raise NotPermitted(
                "notice_in_other_case", _("The notice belongs to a case of the other side.")
            )
        return link.case
    case = cases.open_case(
        actor=actor,
        framework=notice.framework,
        title=gettext("Investigation of %(name)s") % {"name": org.name_en},
        subject_type=SubjectType.SENDING_ORGANIZATION,
        sending_organization=org,
        marking=Marking.SIDE,
    )
    cases.link_communication(actor=actor, case=case, communication=notice)
    return case


def open_investigation(
    *, actor: User, notice: Communication, organization: SendingOrganization
) -> Investigation:
    """Open the investigation of `organization` that `notice` (from Japan) asks for."""
    _require(actor)
    with transaction.atomic():
        visible = Communication.objects.visible_to(actor).filter(pk=notice.pk, kind=NOTICE_KIND)
        if not visible.exists() or not receipts.may_answer(actor, notice):
            raise ValidationError(
                {"notice": [str(_("No such notice of improper activity for your side."))]}
            )
        orgs = SendingOrganization.objects.visible_to(actor).filter(
            pk=organization.pk,
            framework_id=notice.framework_id,
            originator_side_id=actor.agency.side_id,
        )
        if not orgs.exists():
            raise ValidationError(
                {"organization": [str(_("No such sending organization in this framework."))]}
            )
        if Investigation.objects.filter(notice=notice).exists():
            raise ValidationError(
                {"notice": [str(_("An investigation of this notice is already open."))]}
            )
        case = _case_for(actor, notice, organization)
        item = Investigation.objects.create(
            framework=notice.framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=Marking.SIDE,
            organization=organization,
            notice=notice,
            case=case,
            opened_by=actor,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            changes=audit.diff(None, audit.snapshot(item, AUDITED)),
        )
        return item


def record_action(
    *,
    actor: User,
    investigation: Investigation,
    kind: str,
    text: str,
    date: dt.date | None = None,
) -> InvestigationAction:
    """Record a finding, or the guidance or supervision given; the case notes it too."""
    kind = clean_choice("kind", kind, ActionKind.values)
    text = clean_text("text", text, limit=10_000)
    if date is not None and (isinstance(date, dt.datetime) or not isinstance(date, dt.date)):
        raise ValidationError({"date": [str(_("Give a date."))]})
    with transaction.atomic():
        item = Investigation.objects.select_for_update(no_key=True).get(pk=investigation.pk)
        _require(actor, item)
        action = InvestigationAction.objects.create(
            investigation=item,
            kind=kind,
            date=date or timezone.localdate(),
            text=text,
            recorded_by=actor,
        )
        fields = ("investigation_id", "kind", "date", "text")
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=action,
            framework=item.framework,
            changes=audit.diff(None, audit.snapshot(action, fields)),
        )
        if item.case is not None and cases.may_change(actor, item.case):
            label = ActionKind(kind).label
            cases.add_note(actor=actor, case=item.case, text=f"{label} ({action.date}): {text}")
        return action


def send_report(
    *,
    actor: User,
    investigation: Investigation,
    subject: str,
    body: str = "",
    measures: Sequence[str] = (),
) -> Communication:
    """Send the report of results as the answer to the notice (7.3)."""
    with transaction.atomic():
        item = Investigation.objects.select_for_update(no_key=True).get(pk=investigation.pk)
        _require(actor, item)
        if item.report_id is not None:
            raise ValidationError({"__all__": [str(_("The report has already been sent."))]})
        before = audit.snapshot(item, AUDITED)
        reply = receipts.answer(
            actor=actor,
            communication=item.notice,
            kind=REPORT_KIND,
            subject=subject,
            body=body,
            payload={"measures": list(measures)},
        )
        item.report, item.reported_at = reply, reply.sent_at
        item.save(update_fields=["report", "reported_at", "updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=item,
            changes=audit.diff(before, audit.snapshot(item, AUDITED)),
        )
        if item.case is not None and cases.may_change(actor, item.case):
            cases.link_communication(actor=actor, case=item.case, communication=reply)
        return reply
