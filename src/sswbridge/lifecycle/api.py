"""Review, revision, commencement and termination under /api/v1/lifecycle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS, run
from sswbridge.core.api import auth_user as _user
from sswbridge.core.archive import FrameworkArchived
from sswbridge.federation import acts
from sswbridge.frameworks.models import Framework
from sswbridge.lifecycle import selectors, services, signatures
from sswbridge.lifecycle.models import (
    Amendment,
    AmendmentConsent,
    FrameworkReview,
    MemorandumText,
    TerminationNotice,
)
from sswbridge.lifecycle.schemas import (
    AmendmentIn,
    AmendmentOut,
    LifecycleOut,
    NoticeIn,
    NoticeOut,
    ReviewIn,
    ReviewOut,
    ReviewOutcomeIn,
    SignedTextIn,
    TextOut,
)

router = Router(tags=["lifecycle"])


def _run(action: Callable[[], Any], status: int = 200) -> Status[Any]:
    return run(
        action,
        refused=services.NotPermitted,
        conflicts=(services.LifecycleError, FrameworkArchived),
        status=status,
    )


def _framework(request: HttpRequest, code: str) -> Framework:
    found = selectors.framework_for(_user(request), code.replace("\x00", ""))
    if found is None:
        raise HttpError(404, _("No such framework."))
    return found


def _signature(c: AmendmentConsent) -> dict[str, Any] | None:
    found = signatures.signature(c)
    if found is None:
        return None
    return {
        "key_id": found.key_id,
        "signed_at": found.signed_at,
        "verified": found.verified,
        "act": c.signed.get("act"),
        "signature": str(c.signed.get("signature", "")),
    }


def _consents(consents: Any) -> list[dict[str, Any]]:
    return [
        {
            "side": c.side.code,
            "communication": c.communication_id,
            "given_by": c.given_by.username if c.given_by else None,
            "given_at": acts.signed_at(c.signed) or c.created_at,
            "signature": _signature(c),
        }
        for c in consents
    ]


def _amendment(a: Amendment) -> dict[str, Any]:
    consents = a.consents.select_related("side", "given_by")
    return {
        "id": a.pk,
        "framework": a.framework.code,
        "proposal": a.proposal_id,
        "proposed_by_side": a.originator_side.code,
        "clauses": a.clauses,
        "new_text": a.new_text,
        "status": a.status,
        "in_force_from": a.in_force_from,
        "created_at": a.created_at,
        "consents": _consents(consents),
        "signed_by_both": signatures.both_verify(a),
    }


def _text(v: MemorandumText) -> dict[str, Any]:
    consents: Any = []
    if v.amendment is not None:
        consents = v.amendment.consents.select_related("side", "given_by")
    return {
        "id": v.pk,
        "framework": v.framework.code,
        "number": v.number,
        "in_force_from": v.in_force_from,
        "text": v.text,
        "amendment": v.amendment_id,
        "consents": _consents(consents),
    }


def _notice(n: TerminationNotice) -> dict[str, Any]:
    return {
        "id": n.pk,
        "framework": n.framework.code,
        "given_by_side": n.originator_side.code,
        "communication": n.communication_id,
        "received_on": n.received_on,
        "termination_date": n.termination_date,
        "awaiting_receipt": n.awaiting_receipt,
        "receipt": n.receipt or None,
        "status": n.status,
        "withdrawal_request": n.withdrawal_request_id,
        "withdrawal_consent": n.withdrawal_consent_id,
        "withdrawn_on": n.withdrawn_on,
    }


@router.get("/frameworks/{code}", response=LifecycleOut, operation_id="lifecycle_get_lifecycle")
def get_lifecycle(request: HttpRequest, code: str) -> Any:
    """Where the framework stands: commencement, countdown to termination, the text in force
    and its versions, amendments with their consents, notices and reviews."""
    user = _user(request)
    framework = _framework(request, code)
    countdown = selectors.countdown(user, framework)
    texts = list(selectors.texts_for(user, framework))
    return {
        "framework": framework.code,
        "status": framework.status,
        "commencement": countdown.commencement,
        "review_due": countdown.review_due,
        "termination_date": countdown.termination_date,
        "days_left": countdown.days_left,
        "text_in_force": texts[0].number if texts else None,
        "texts": [
            {
                "id": v.pk,
                "number": v.number,
                "in_force_from": v.in_force_from,
                "amendment": v.amendment_id,
            }
            for v in texts
        ],
        "amendments": [_amendment(a) for a in selectors.amendments_for(user, framework)],
        "notices": [_notice(n) for n in selectors.notices_for(user, framework)],
        "reviews": list(selectors.reviews_for(user, framework).select_related("framework")),
    }


@router.post(
    "/frameworks/{code}/reviews",
    response={201: ReviewOut, **ERRORS},
    operation_id="lifecycle_record_review",
)
def record_review(request: HttpRequest, code: str, payload: ReviewIn) -> Any:
    """Record a review of the framework (clause 9) with its date and, once held, its outcome."""
    framework = _framework(request, code)
    return _run(
        lambda: services.record_review(actor=_user(request), framework=framework, **payload.dict()),
        201,
    )


@router.post(
    "/reviews/{review_id}/outcome",
    response={200: ReviewOut, **ERRORS},
    operation_id="lifecycle_record_review_outcome",
)
def record_review_outcome(request: HttpRequest, review_id: UUID, payload: ReviewOutcomeIn) -> Any:
    review = FrameworkReview.objects.visible_to(_user(request)).filter(pk=review_id).first()
    if review is None:
        raise HttpError(404, _("No such review."))
    return _run(
        lambda: services.record_review_outcome(
            actor=_user(request), review=review, outcome=payload.outcome
        )
    )


@router.post(
    "/frameworks/{code}/texts",
    response={201: TextOut, **ERRORS},
    operation_id="lifecycle_record_signed_text",
)
def record_signed_text(request: HttpRequest, code: str, payload: SignedTextIn) -> Any:
    """Record the text as signed (version 1); later versions come only from amendments."""
    framework = _framework(request, code)
    return _run(
        lambda: _text(
            services.record_signed_text(
                actor=_user(request), framework=framework, text=payload.text
            )
        ),
        201,
    )


@router.get("/texts/{text_id}", response=TextOut, operation_id="lifecycle_get_text")
def get_text(request: HttpRequest, text_id: UUID) -> Any:
    """One version of the memorandum's text with the written consents that made it."""
    found = selectors.texts_for(_user(request)).filter(pk=text_id).first()
    if found is None:
        raise HttpError(404, _("No such text."))
    return _text(found)


@router.post(
    "/frameworks/{code}/amendments",
    response={201: AmendmentOut, **ERRORS},
    operation_id="lifecycle_propose_amendment",
)
def propose_amendment(request: HttpRequest, code: str, payload: AmendmentIn) -> Any:
    """Send the other side a proposal carrying the whole new text."""
    framework = _framework(request, code)
    return _run(
        lambda: _amendment(
            services.propose_amendment(actor=_user(request), framework=framework, **payload.dict())
        ),
        201,
    )


def _get_amendment(request: HttpRequest, amendment_id: UUID) -> Amendment:
    found = selectors.amendments_for(_user(request)).filter(pk=amendment_id).first()
    if found is None:
        raise HttpError(404, _("No such amendment."))
    return found


@router.get(
    "/amendments/{amendment_id}", response=AmendmentOut, operation_id="lifecycle_get_amendment"
)
def get_amendment(request: HttpRequest, amendment_id: UUID) -> Any:
    return _amendment(_get_amendment(request, amendment_id))


@router.post(
    "/amendments/{amendment_id}/consent",
    response={200: AmendmentOut, **ERRORS},
    operation_id="lifecycle_consent_to_amendment",
)
def consent_to_amendment(request: HttpRequest, amendment_id: UUID) -> Any:
    """The caller's side consents in writing; with both consents the text comes into force."""
    amendment = _get_amendment(request, amendment_id)

    def act() -> dict[str, Any]:
        consent: AmendmentConsent = services.consent_to_amendment(
            actor=_user(request), amendment=amendment
        )
        return _amendment(_get_amendment(request, consent.amendment_id))

    return _run(act)


@router.post(
    "/frameworks/{code}/termination-notices",
    response={201: NoticeOut, **ERRORS},
    operation_id="lifecycle_give_notice",
)
def give_notice(request: HttpRequest, code: str, payload: NoticeIn) -> Any:
    """Give notice of termination; the framework ends six calendar months after receipt."""
    framework = _framework(request, code)
    return _run(
        lambda: _notice(
            services.give_termination_notice(
                actor=_user(request), framework=framework, explanation=payload.explanation
            )
        ),
        201,
    )


def _get_notice(request: HttpRequest, notice_id: UUID) -> TerminationNotice:
    found = selectors.notices_for(_user(request)).filter(pk=notice_id).first()
    if found is None:
        raise HttpError(404, _("No such notice."))
    return found


@router.post(
    "/termination-notices/{notice_id}/withdrawal-request",
    response={200: NoticeOut, **ERRORS},
    operation_id="lifecycle_request_withdrawal",
)
def request_withdrawal(request: HttpRequest, notice_id: UUID) -> Any:
    """The notifying side asks the other side's written consent to withdraw the notice."""
    notice = _get_notice(request, notice_id)
    return _run(lambda: _notice(services.request_withdrawal(actor=_user(request), notice=notice)))


@router.post(
    "/termination-notices/{notice_id}/withdrawal-consent",
    response={200: NoticeOut, **ERRORS},
    operation_id="lifecycle_consent_to_withdrawal",
)
def consent_to_withdrawal(request: HttpRequest, notice_id: UUID) -> Any:
    """The other side consents in writing; the notice is withdrawn before its date."""
    notice = _get_notice(request, notice_id)
    return _run(
        lambda: _notice(services.consent_to_withdrawal(actor=_user(request), notice=notice))
    )
