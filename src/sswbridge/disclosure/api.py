"""Disclosure to third parties under written consent, under /api/v1/disclosure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.errors import HttpError

from sswbridge.core.api import ERRORS, ErrorOut, run
from sswbridge.core.api import auth_user as _user
from sswbridge.core.archive import FrameworkArchived
from sswbridge.disclosure import federation as peers
from sswbridge.disclosure import items as catalogue
from sswbridge.disclosure import package, selectors, services
from sswbridge.disclosure.models import Disclosure, DisclosureRequest
from sswbridge.disclosure.schemas import (
    ChoicesOut,
    DisclosureOut,
    GrantIn,
    RefuseIn,
    RequestIn,
    RequestOut,
)

router = Router(tags=["disclosure"])


def _run(action: Callable[[], Any], status: int = 200) -> Status[Any]:
    return run(
        action,
        refused=services.NotPermitted,
        conflicts=(services.DisclosureError, FrameworkArchived),
        status=status,
    )


def _out(r: DisclosureRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "reference": r.reference,
        "framework": r.framework.code,
        "requesting_side": r.originator_side.code,
        "requesting_agency": r.originator_agency.code,
        "owner_side": r.owner_side.code,
        "third_party_type": r.third_party_type,
        "third_party_name": r.third_party_name,
        "purpose": r.purpose,
        "status": r.status,
        "communication": r.communication_id,
        "answer": r.answer_id,
        "decided_at": r.decided_at,
        "conditions": r.conditions,
        "expires_on": r.expires_on,
        "refusal_reason": r.refusal_reason,
        "consent_reference": r.consent_reference,
        "consent_in_force": r.consent_in_force(),
        "decision_signature": _signature(r),
        "items": [
            {
                "kind": i.kind,
                "id": i.communication_id or i.case_id,
                "label": i.label,
                "fields": i.fields,
                "files": i.files,
            }
            for i in r.items.all()
        ],
        "created_at": r.created_at,
    }


def _signature(r: DisclosureRequest) -> dict[str, Any] | None:
    found = peers.signature(r)
    if found is None:
        return None
    return {
        "key_id": found.key_id,
        "signed_at": found.signed_at,
        "verified": found.verified,
        "act": r.signed_decision.get("act"),
        "signature": str(r.signed_decision.get("signature", "")),
    }


def _ledger_out(d: Disclosure) -> dict[str, Any]:
    return {
        "id": d.pk,
        "request": d.request_id,
        "consent_reference": d.consent_reference,
        "exported_by": d.exported_by.username,
        "exported_by_agency": d.exported_by.agency.code,
        "recipient": d.recipient,
        "contents": d.contents,
        "manifest": d.manifest,
        "package_name": d.package_name,
        "package_sha256": d.package_sha256,
        "created_at": d.created_at,
    }


def _request(request: HttpRequest, pk: UUID) -> DisclosureRequest:
    found = selectors.requests_for(_user(request)).filter(pk=pk).first()
    if found is None:
        raise HttpError(404, _("No such disclosure request."))
    return found


@router.get(
    "/choices/{kind}/{item_id}", response=ChoicesOut, operation_id="disclosure_list_choices"
)
def choices(request: HttpRequest, kind: str, item_id: UUID) -> Any:
    """What of an item received from the other side may be asked for: its fields (withheld
    ones left out) and its files."""
    obj = selectors.candidate(_user(request), kind, item_id)
    if obj is None:
        raise HttpError(404, _("No such item."))
    return {
        "kind": kind,
        "id": obj.pk,
        "fields": [{"name": n, "label": label} for n, label in catalogue.field_choices(obj)],
        "files": [vars(f) for f in catalogue.file_choices(obj, _user(request))],
    }


@router.get("/requests", response=list[RequestOut], operation_id="disclosure_list_requests")
def list_requests(request: HttpRequest) -> Any:
    """Requests the user's side made, and those about the user's side's information."""
    return [
        _out(r) for r in selectors.requests_for(_user(request)).select_related("owner_side")[:500]
    ]


@router.post(
    "/requests", response={201: RequestOut, **ERRORS}, operation_id="disclosure_file_request"
)
def file_request(request: HttpRequest, payload: RequestIn) -> Any:
    """Ask the originator's contact point for written consent (sent as a
    `disclosure_request` communication, with its receipt)."""
    data = payload.dict()
    items = [
        {**i, "id": str(i["id"]), "files": [str(f) for f in i["files"]]} for i in data.pop("items")
    ]
    return _run(lambda: _out(services.file_request(actor=_user(request), items=items, **data)), 201)


@router.get("/requests/{request_id}", response=RequestOut, operation_id="disclosure_get_request")
def get_request(request: HttpRequest, request_id: UUID) -> Any:
    return _out(_request(request, request_id))


@router.post(
    "/requests/{request_id}/grant",
    response={200: RequestOut, **ERRORS},
    operation_id="disclosure_grant_request",
)
def grant(request: HttpRequest, request_id: UUID, payload: GrantIn) -> Any:
    """The originator's contact point gives the written consent, with conditions and expiry."""
    r = _request(request, request_id)
    return _run(lambda: _out(services.grant(actor=_user(request), request=r, **payload.dict())))


@router.post(
    "/requests/{request_id}/refuse",
    response={200: RequestOut, **ERRORS},
    operation_id="disclosure_refuse_request",
)
def refuse(request: HttpRequest, request_id: UUID, payload: RefuseIn) -> Any:
    r = _request(request, request_id)
    return _run(
        lambda: _out(services.refuse(actor=_user(request), request=r, reasons=payload.reasons))
    )


@router.get(
    "/requests/{request_id}/consent.pdf",
    response={200: None, 404: ErrorOut},
    operation_id="disclosure_get_consent_pdf",
)
def consent_pdf(request: HttpRequest, request_id: UUID) -> Any:
    """The written consent as a PDF."""
    r = _request(request, request_id)
    if r.status != "granted":
        raise HttpError(404, _("There is no written consent for this request."))
    response = HttpResponse(package.consent_pdf(r), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{r.consent_reference}.pdf"'
    return response


@router.post(
    "/requests/{request_id}/exports",
    response={201: DisclosureOut, **ERRORS},
    operation_id="disclosure_export_request",
)
def export(request: HttpRequest, request_id: UUID) -> Any:
    """Make the export package under a consent in force; the ledger's new line."""
    r = _request(request, request_id)
    return _run(lambda: _ledger_out(services.export(actor=_user(request), request=r)), 201)


@router.get("/ledger", response=list[DisclosureOut], operation_id="disclosure_list_ledger")
def ledger(request: HttpRequest) -> Any:
    """Every disclosure the user may see: who, to whom, what, when, consent, package hash."""
    return [_ledger_out(d) for d in selectors.ledger_for(_user(request))[:1000]]


@router.get(
    "/ledger/{disclosure_id}/package",
    response={200: None, 403: ErrorOut, 404: ErrorOut},
    operation_id="disclosure_download_package",
)
def package_download(request: HttpRequest, disclosure_id: UUID) -> Any:
    """The export package (zip), for the agency that made it."""
    user = _user(request)
    found = selectors.ledger_for(user).filter(pk=disclosure_id).first()
    if found is None:
        raise HttpError(404, _("No such disclosure."))
    if not services.may_download(user, found):
        raise HttpError(403, _("Only the agency that made the package may download it."))
    services.record_download(actor=user, disclosure=found)
    return FileResponse(
        found.package.open("rb"),
        as_attachment=True,
        filename=found.package_name,
        content_type="application/zip",
    )
