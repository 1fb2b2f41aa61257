"""Background job: run a queued import of the list (uploaded in the staff pages)."""

from __future__ import annotations

from typing import Any

from sswbridge.core import jobs
from sswbridge.support import services
from sswbridge.support.models import SupportImport


@jobs.handler(services.JOB_KIND)
def run_support_import(payload: dict[str, Any]) -> None:
    """Payload: import_id. A refused file is recorded on the import, not retried."""
    record = SupportImport.objects.filter(pk=payload["import_id"]).first()
    if record is not None:
        services.run_queued(support_import=record)
