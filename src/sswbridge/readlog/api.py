"""The read log under /api/v1/reads (the originator's side only; see `visible_to`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from sswbridge.readlog import selectors
from sswbridge.readlog.schemas import ReadFilterIn, ReadPageOut

router = Router(tags=["readlog"])


@router.get("", response=ReadPageOut, operation_id="readlog_list_reads")
def list_reads(request: HttpRequest, filters: Query[ReadFilterIn]) -> Any:
    """Reads of the caller's side's items by the other side, newest first; `object_id`
    also matches a communication's attachments and a case's evidence files."""
    user = request.auth  # type: ignore[attr-defined]
    qs = selectors.filtered(
        user,
        selectors.ReadFilter(
            object_type=filters.object_type,
            object_id=filters.object_id,
            reader=filters.reader.replace("\x00", ""),
        ),
    ).select_related("agency__side")
    return {
        "count": qs.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": list(qs[filters.offset : filters.offset + filters.limit]),
    }
