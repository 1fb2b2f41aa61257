"""The audit trail over JSON: auditors and administrators read the entries of their side."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from sswbridge.accounts.models import Role
from sswbridge.audit.chain import verify_chain
from sswbridge.audit.models import AuditEntry
from sswbridge.audit.schemas import AuditEntryOut, AuditEntryPage, AuditFilterIn, VerifyOut
from sswbridge.audit.selectors import entries_for

router = Router(tags=["audit"])


def _auditor(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if user.role not in (Role.AUDITOR, Role.ADMINISTRATOR):
        raise HttpError(403, _("Only auditors and administrators may read the audit trail."))
    return user


@router.get("/entries", response=AuditEntryPage, operation_id="audit_list_entries")
def list_entries(request: HttpRequest, filters: Query[AuditFilterIn]) -> dict[str, Any]:
    user = _auditor(request)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise HttpError(400, _("The start date must not be after the end date."))
    entries = entries_for(user, filters.dict(exclude={"limit", "offset"}))
    page = entries[filters.offset : filters.offset + filters.limit]
    return {"count": entries.count(), "items": list(page)}


@router.get("/entries/{seq}", response=AuditEntryOut, operation_id="audit_get_entry")
def get_entry(request: HttpRequest, seq: int) -> AuditEntry:
    # Like every object endpoint: what the filter hides (here, from non-auditors too) is not found.
    entry = AuditEntry.objects.visible_to(request.auth).filter(seq=seq).first()  # type: ignore[attr-defined]
    if entry is None:
        raise HttpError(404, _("No such audit entry."))
    return entry


@router.get("/verify", response=VerifyOut, operation_id="audit_verify_chain")
def verify(request: HttpRequest) -> dict[str, Any]:
    _auditor(request)
    result = verify_chain()
    return {
        "ok": result.ok,
        "verified": result.verified,
        "broken_seq": result.broken_seq,
        "reason": result.reason,
    }
