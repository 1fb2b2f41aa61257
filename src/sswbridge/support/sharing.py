"""Sharing a new list with the partner (clause 6): a communication of the kind
`support_org_list_share`, whose payload carries the change summary."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.exchange import services as exchange
from sswbridge.exchange.models import Communication
from sswbridge.support.models import ChangeType, SupportChange, SupportImport

KIND = "support_org_list_share"
LISTED_IN_BODY = 200


def payload(record: SupportImport) -> dict[str, str]:
    return {
        "file_name": record.file_name,
        "file_sha256": record.file_sha256,
        "organizations": str(record.rows_total),
        "added": str(record.added),
        "removed": str(record.removed),
        "changed": str(record.changed),
    }


def _lines(record: SupportImport) -> list[str]:
    labels = dict(ChangeType.choices)
    lines = []
    changes = SupportChange.objects.filter(support_import=record).order_by(
        "change_type", "registration_number", "field"
    )
    for change in changes[:LISTED_IN_BODY]:
        line = f"{change.registration_number} — {labels.get(change.change_type, '')}"
        if change.field:
            line += f" {change.field}: {change.before} → {change.after}"
        lines.append(line)
    return lines


def body(record: SupportImport) -> str:
    summary = _(
        "Japan's list of registered support organizations has been updated from the file "
        "%(file)s (SHA-256 %(sha)s): %(total)d organizations; %(added)d added, %(removed)d "
        "removed, %(changed)d changed."
    ) % {
        "file": record.file_name,
        "sha": record.file_sha256,
        "total": record.rows_total,
        "added": record.added,
        "removed": record.removed,
        "changed": record.changed,
    }
    lines = _lines(record)
    more = record.added + record.removed + record.changed > len(lines)
    text = "\n".join([summary, "", *lines])
    if more:
        text += "\n" + _("The full change report is attached to the import in SSW Bridge.")
    return text


def share(*, actor: User, support_import: SupportImport) -> Communication:
    """Send the new list's change summary to the partner's contact point."""
    subject = _("List of registered support organizations of %(date)s") % {
        "date": formats.date_format(support_import.created_at, "Y-m-d")
    }
    return exchange.send_new(
        actor=actor,
        framework=support_import.framework,
        kind=KIND,
        subject=subject,
        body=body(support_import),
        payload=payload(support_import),
    )
