"""Every write of the framework's lifecycle: one transaction each, with its audit entry.

Formal acts of a side — written consent to a revision, a notice of termination, a request to
withdraw it and the consent to that — are given by contact-point officers and travel as
communications of the exchange. Reviews are recorded by contact-point officers and officers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.cleaning import clean_text
from sswbridge.core.models import Marking
from sswbridge.exchange import services as exchange
from sswbridge.frameworks.locks import guard
from sswbridge.frameworks.models import Framework, FrameworkStatus
from sswbridge.lifecycle import effects, signatures, withdrawals
from sswbridge.lifecycle import federation as peers
from sswbridge.lifecycle.effects import TERMINATE_JOB as TERMINATE_JOB  # for lifecycle/jobs.py
from sswbridge.lifecycle.effects import TEXT_FIELDS
from sswbridge.lifecycle.models import (
    Amendment,
    AmendmentConsent,
    AmendmentStatus,
    FrameworkReview,
    MemorandumText,
    NoticeStatus,
    ReviewStatus,
    TerminationNotice,
)
from sswbridge.lifecycle.termination import termination_date

WRITER_ROLES = (Role.CONTACT_POINT, Role.OFFICER)
FORMAL_ROLES = (Role.CONTACT_POINT,)
TITLE_MAX = 300
TEXT_MAX = 100_000


class LifecycleError(Exception):
    """A request refused in the framework's current state; `code` is machine-readable."""

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


def _has_role(user: Any, roles: tuple[str, ...]) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in roles)


def may_record(user: User) -> bool:
    return _has_role(user, WRITER_ROLES)


def may_act_formally(user: User) -> bool:
    return _has_role(user, FORMAL_ROLES)


def _require(actor: User, framework: Framework, roles: tuple[str, ...]) -> None:
    if not _has_role(actor, roles):
        if roles == FORMAL_ROLES:
            message = _("Only a contact-point officer may do this for a side.")
        else:
            message = _("Your role may not change the framework's records.")
        raise NotPermitted("role_not_allowed", message)
    if not Framework.objects.visible_to(actor).filter(pk=framework.pk).exists():
        raise ValidationError({"framework": [str(_("No such framework."))]})


def _record(actor: User | None, action: str, obj: Any, before: Any, after: Any) -> None:
    audit.record(actor=actor, action=action, obj=obj, changes=audit.diff(before, after))


def _scoped(actor: User, framework: Framework) -> dict[str, Any]:
    return {
        "framework": framework,
        "originator_side": actor.agency.side,
        "originator_agency": actor.agency,
        "marking": Marking.BOTH,
    }


# --- review (clause 9) ---------------------------------------------------------------------

REVIEW_FIELDS = ("review_date", "title", "outcome", "status")


def record_review(
    *,
    actor: User,
    framework: Framework,
    review_date: dt.date,
    title: str,
    outcome: str = "",
    status: str = ReviewStatus.PLANNED,
) -> FrameworkReview:
    title = clean_text("title", title, limit=TITLE_MAX, line=True)
    outcome = clean_text("outcome", outcome, limit=TEXT_MAX, required=False)
    if status not in ReviewStatus.values:
        raise ValidationError({"status": [str(_("Not a valid choice."))]})
    with transaction.atomic():
        _require(actor, framework, WRITER_ROLES)
        review = FrameworkReview.objects.create(
            **_scoped(actor, framework),
            review_date=review_date,
            title=title,
            outcome=outcome,
            status=status,
            recorded_by=actor,
        )
        _record(actor, AuditAction.CREATE, review, None, audit.snapshot(review, REVIEW_FIELDS))
        return review


def record_review_outcome(*, actor: User, review: FrameworkReview, outcome: str) -> FrameworkReview:
    """The review took place: its outcome is recorded and it is done."""
    outcome = clean_text("outcome", outcome, limit=TEXT_MAX)
    with transaction.atomic():
        r: FrameworkReview = FrameworkReview.objects.select_for_update(no_key=True).get(
            pk=review.pk
        )
        _require(actor, r.framework, WRITER_ROLES)
        before = audit.snapshot(r, REVIEW_FIELDS)
        r.outcome, r.status, r.version = outcome, ReviewStatus.DONE, r.version + 1
        r.save()
        _record(actor, AuditAction.UPDATE, r, before, audit.snapshot(r, REVIEW_FIELDS))
        return r


# --- the text and its revisions (clause 9) -------------------------------------------------


def record_signed_text(*, actor: User, framework: Framework, text: str) -> MemorandumText:
    """Version 1: the text as signed, in force from the later signature (clause 10)."""
    text = clean_text("text", text, limit=TEXT_MAX)
    with transaction.atomic():
        _require(actor, framework, FORMAL_ROLES)
        guard(framework.pk)
        if MemorandumText.objects.filter(framework=framework).exists():
            raise LifecycleError(
                "text_exists", _("The signed text is recorded; it changes only by amendment.")
            )
        version = MemorandumText.objects.create(
            **_scoped(actor, framework),
            number=1,
            text=text,
            in_force_from=framework.commencement or timezone.localdate(),
            recorded_by=actor,
        )
        _record(actor, AuditAction.CREATE, version, None, audit.snapshot(version, TEXT_FIELDS))
        return version


def propose_amendment(
    *,
    actor: User,
    framework: Framework,
    new_text: str,
    clauses: str = "",
    explanation: str = "",
) -> Amendment:
    """Send the other side a proposal that carries the whole new text."""
    new_text = clean_text("new_text", new_text, limit=TEXT_MAX)
    clauses = clean_text("clauses", clauses, limit=300, required=False)
    with transaction.atomic():
        _require(actor, framework, FORMAL_ROLES)
        proposal = exchange.send_new(
            actor=actor,
            framework=framework,
            kind="amendment_proposal",
            subject=str(_("Proposal to revise the memorandum")),
            body=explanation,
            payload={"clauses": clauses, "new_text": new_text},
            marking=Marking.BOTH,
            managed=True,
        )
        amendment = Amendment.objects.create(
            **_scoped(actor, framework),
            proposal=proposal,
            clauses=clauses,
            new_text=new_text,
            proposed_by=actor,
        )
        after = {"proposal_id": str(proposal.pk), "clauses": clauses, "status": amendment.status}
        _record(actor, AuditAction.CREATE, amendment, None, after)
        peers.send_amendment(actor=actor, amendment=amendment)
        return amendment


def may_consent(user: User, amendment: Amendment) -> bool:
    return (
        may_act_formally(user)
        and amendment.status == AmendmentStatus.PROPOSED
        and not amendment.consents.filter(side_id=user.agency.side_id).exists()
    )


def consent_to_amendment(*, actor: User, amendment: Amendment, note: str = "") -> AmendmentConsent:
    """Give the actor's side's written consent, signed by this node's key. With both sides'
    consents, the amendment's text becomes the next version of the memorandum, in force from
    the day of the later consent (today). When the other side is hosted by another node, the
    signed consent travels to it after the letter."""
    note = clean_text("note", note, limit=10_000, required=False)
    with transaction.atomic():
        # The framework's guard first: the second consent numbers the next text under it.
        guard(amendment.framework_id)
        a: Amendment = (
            Amendment.objects.select_for_update(no_key=True)
            .select_related("proposal")
            .get(pk=amendment.pk)
        )
        _require(actor, a.framework, FORMAL_ROLES)
        if a.status != AmendmentStatus.PROPOSED:
            raise LifecycleError("amendment_not_open", _("This amendment is no longer open."))
        side = actor.agency.side
        if a.consents.filter(side=side).exists():
            raise LifecycleError("already_consented", _("Your side has already consented."))
        letter = exchange.send_new(
            actor=actor,
            framework=a.framework,
            kind="amendment_consent",
            subject=str(_("Written consent to the revision of the memorandum")),
            body=note,
            marking=Marking.BOTH,
            in_reply_to=a.proposal,
            managed=True,
        )
        signed = signatures.sign_consent(a, side, timezone.now())
        consent = AmendmentConsent.objects.create(
            amendment=a, side=side, communication=letter, given_by=actor, signed=signed
        )
        after = {
            "amendment_id": str(a.pk),
            "side": side.code,
            "communication_id": str(letter.pk),
            "key_id": signed["act"]["key_id"],
        }
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=consent,
            framework=a.framework,
            changes=audit.diff(None, after),
        )
        peers.send_consent(actor=actor, consent=consent)
        peers.bring_into_force_if_both(actor, a)
        return consent


# --- termination (clause 10) ---------------------------------------------------------------

NOTICE_FIELDS = (
    "communication_id",
    "received_on",
    "termination_date",
    "status",
    "withdrawal_request_id",
    "withdrawal_consent_id",
    "withdrawn_on",
)


def give_termination_notice(
    *, actor: User, framework: Framework, explanation: str = ""
) -> TerminationNotice:
    """Send the notice; the framework ends six calendar months after the other side receives
    it, when the scheduled `lifecycle.terminate` job makes it a read-only archive. Sent to a
    side another node hosts, the notice awaits that node's signed receipt: its date is the
    date of receipt (lifecycle/federation.py, `notice_delivered`)."""
    with transaction.atomic():
        _require(actor, framework, FORMAL_ROLES)
        guard(framework.pk)
        if TerminationNotice.objects.filter(
            framework=framework, status=NoticeStatus.PENDING
        ).exists():
            raise LifecycleError("notice_running", _("A notice of termination is running."))
        letter = exchange.send_new(
            actor=actor,
            framework=framework,
            kind="termination_notice",
            subject=str(_("Notice of the intention to terminate the memorandum")),
            body=explanation,
            marking=Marking.BOTH,
            managed=True,
        )
        # Delivered here, delivery is the receipt (exchange.deliver); queued to another node,
        # the date of receipt is that of its signed receipt, not known yet.
        received_on = timezone.localdate(letter.delivered_at) if letter.delivered_at else None
        notice = TerminationNotice.objects.create(
            **_scoped(actor, framework),
            communication=letter,
            received_on=received_on,
            termination_date=termination_date(received_on) if received_on else None,
            given_by=actor,
        )
        _record(actor, AuditAction.CREATE, notice, None, audit.snapshot(notice, NOTICE_FIELDS))
        if received_on is None:
            peers.send_notice(actor=actor, notice=notice)
        else:
            effects.schedule_termination(notice)
        return notice


def _locked_notice(notice: TerminationNotice) -> TerminationNotice:
    found: TerminationNotice = TerminationNotice.objects.select_for_update(no_key=True).get(
        pk=notice.pk
    )
    return found


def _require_running(notice: TerminationNotice, today: dt.date) -> None:
    ends = notice.termination_date
    if not notice.is_pending or (ends is not None and today >= ends):
        raise LifecycleError(
            "notice_not_running",
            _("A notice can be withdrawn only before the termination date."),
        )


def may_request_withdrawal(user: User, notice: TerminationNotice) -> bool:
    return bool(
        may_act_formally(user)
        and notice.is_pending
        and notice.withdrawal_request_id is None
        and user.agency.side_id == notice.originator_side_id
    )


def may_consent_to_withdrawal(user: User, notice: TerminationNotice) -> bool:
    return bool(
        may_act_formally(user)
        and notice.is_pending
        and notice.withdrawal_request_id is not None
        and user.agency.side_id != notice.originator_side_id
    )


def request_withdrawal(
    *, actor: User, notice: TerminationNotice, explanation: str = "", today: dt.date | None = None
) -> TerminationNotice:
    """The notifying side asks the other side's written consent to withdraw its notice."""
    today = today or timezone.localdate()
    with transaction.atomic():
        n = _locked_notice(notice)
        _require(actor, n.framework, FORMAL_ROLES)
        if actor.agency.side_id != n.originator_side_id:
            raise NotPermitted(
                "not_notifying_side", _("Only the side that gave the notice may withdraw it.")
            )
        _require_running(n, today)
        if n.withdrawal_request_id is not None:
            raise LifecycleError("withdrawal_requested", _("Withdrawal has already been asked."))
        before = audit.snapshot(n, NOTICE_FIELDS)
        n.withdrawal_request = exchange.send_new(
            actor=actor,
            framework=n.framework,
            kind="termination_withdrawal_request",
            subject=str(_("Request to withdraw the notice of termination")),
            body=explanation,
            marking=Marking.BOTH,
            in_reply_to=n.communication,
            managed=True,
        )
        n.version += 1
        n.save()
        _record(actor, AuditAction.UPDATE, n, before, audit.snapshot(n, NOTICE_FIELDS))
        withdrawals.send_request(actor=actor, notice=n)
        return n


def consent_to_withdrawal(
    *, actor: User, notice: TerminationNotice, note: str = "", today: dt.date | None = None
) -> TerminationNotice:
    """The other side consents in writing: the notice is withdrawn, the framework goes on."""
    today = today or timezone.localdate()
    with transaction.atomic():
        n = _locked_notice(notice)
        _require(actor, n.framework, FORMAL_ROLES)
        if actor.agency.side_id == n.originator_side_id:
            raise NotPermitted("not_other_side", _("The consent must come from the other side."))
        _require_running(n, today)
        request = n.withdrawal_request
        if request is None:
            raise LifecycleError("no_withdrawal_request", _("No withdrawal has been asked."))
        before = audit.snapshot(n, NOTICE_FIELDS)
        n.withdrawal_consent = exchange.send_new(
            actor=actor,
            framework=n.framework,
            kind="termination_withdrawal_consent",
            subject=str(_("Written consent to withdraw the notice of termination")),
            body=note,
            marking=Marking.BOTH,
            in_reply_to=request,
            managed=True,
        )
        n.status, n.withdrawn_on, n.version = NoticeStatus.WITHDRAWN, today, n.version + 1
        n.save()
        _record(actor, AuditAction.UPDATE, n, before, audit.snapshot(n, NOTICE_FIELDS))
        withdrawals.send_consent(actor=actor, notice=n)
        return n


def apply_terminations(*, today: dt.date) -> list[Framework]:
    """Terminate every framework whose running notice ends on or before `today`: the notice
    becomes effective and the framework a read-only archive. Run by the `lifecycle.terminate`
    job; `today` is an argument so that the date can be fixed in tests."""
    ended: list[Framework] = []
    due = TerminationNotice.objects.filter(
        status=NoticeStatus.PENDING, termination_date__lte=today
    ).values_list("pk", "framework_id")
    for pk, framework_id in list(due):
        with transaction.atomic():
            framework = guard(framework_id)  # the guard first, then the notice
            n = (
                TerminationNotice.objects.select_for_update(no_key=True)
                .select_related("framework")
                .get(pk=pk)
            )
            if not n.is_pending:
                continue
            before = audit.snapshot(n, NOTICE_FIELDS)
            n.status, n.version = NoticeStatus.EFFECTIVE, n.version + 1
            n.save()  # before the framework turns read-only
            _record(None, AuditAction.UPDATE, n, before, audit.snapshot(n, NOTICE_FIELDS))
            old_status = framework.status
            framework.status = FrameworkStatus.TERMINATED
            framework.save(update_fields=["status"])
            audit.record(
                actor=None,
                action=AuditAction.UPDATE,
                obj=framework,
                framework=framework,
                changes=audit.diff(
                    {"status": old_status, "terminated_on": None},
                    {"status": framework.status, "terminated_on": n.termination_date},
                ),
            )
            ended.append(framework)
    return ended
