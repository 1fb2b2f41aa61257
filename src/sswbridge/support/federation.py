"""Japan's list of registered support organizations over the federation (issue 14, 6, 7.5).

Japan keeps the list on its node. When another node hosts the partner's side, an import that
changes the list travels as envelopes of kind `support.register_notice`: the import as the
partner sees it (file name, SHA-256, counts; not who imported it nor the stored file) and
the organizations it added, changed, relisted or removed, with the published columns only, in
parts of `PART` organizations (a whole list is some 11,000). The receiving node keeps a
copy in the same tables (the import with the same id, `imported_by` empty; each organization
by its registration number), so its portal, search and verify read it as their own. An
organization's copy takes a row only when the row's `version` is newer (every change on
Japan's node, removal included, raises it), whatever the order of arrival.

With every side hosted here (the default single node) none of this runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.models import Marking
from sswbridge.exchange.federation import describe_agency, peer_agency
from sswbridge.exchange.models import Communication
from sswbridge.federation import handlers, hosting, receipts
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Framework
from sswbridge.publication.names import search_key
from sswbridge.support.columns import FIELD_NAMES
from sswbridge.support.models import ImportStatus, SupportImport, SupportOrganization

KIND = "support.register_notice"
PART = 1000
IMPORT_FIELDS = (
    "file_name",
    "file_sha256",
    "file_size",
    "edition",
    "rows_total",
    "added",
    "removed",
    "changed",
)
DATES = ("registration_date", "support_start_date")
AUDITED = ("framework_id", "originator_side_id", "published_at", *IMPORT_FIELDS)


def federated(framework: Framework) -> bool:
    """Whether the partner's side of `framework` is hosted by another node."""
    return not hosting.hosts(framework, framework.partner_side)


def _utc(value: dt.datetime | None) -> str | None:
    return receipts.timestamp(value) if value is not None else None


def row_of(org: SupportOrganization) -> dict[str, Any]:
    """An organization as the portals publish it."""
    row: dict[str, Any] = {
        name: (value.isoformat() if isinstance(value, dt.date) else value)
        for name in FIELD_NAMES
        for value in (getattr(org, name),)
    }
    return {
        **row,
        "version": org.version,
        "listed": org.listed,
        "delisted_at": _utc(org.delisted_at),
        "content_hash": org.content_hash,
    }


def import_of(record: SupportImport) -> dict[str, Any]:
    return {
        "id": str(record.pk),
        "from_agency": describe_agency(record.originator_agency),
        "created_at": _utc(record.created_at),
        "finished_at": _utc(record.finished_at),
        "published_at": _utc(record.published_at),
        **{name: getattr(record, name) for name in IMPORT_FIELDS},
    }


def send(*, actor: User, support_import: SupportImport, touched: list[Any]) -> list[Envelope]:
    """Queue the shared import and the organizations it touched to the partner's node, in
    the importing transaction (nothing when the partner's side is hosted here)."""
    framework = support_import.framework
    if not federated(framework):
        return []
    orgs = SupportOrganization.objects.filter(pk__in=touched).order_by("registration_number")
    rows = [row_of(o) for o in orgs.iterator(chunk_size=PART)]
    parts = [rows[start : start + PART] for start in range(0, len(rows), PART)] or [[]]
    described = import_of(support_import)
    communication = support_import.communication_id
    return [
        federation.enqueue(
            framework,
            framework.partner_side,
            KIND,
            {
                "import": described,
                "part": n,
                "parts": len(parts),
                "organizations": part,
                "communication": str(communication) if communication else None,
            },
            from_side=support_import.originator_side,
            actor=actor,
        )
        for n, part in enumerate(parts, start=1)
    ]


# --- receiving -----------------------------------------------------------------------------


def _notices(envelope: Envelope) -> QuerySet[Communication]:
    """The communication the notice names, when it has arrived here (it travels first)."""
    notice = envelope.payload.get("communication")
    if not notice:
        return Communication.objects.none()
    return Communication.objects.filter(pk=str(notice))


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name) or ""
    limit = getattr(SupportOrganization._meta.get_field(name), "max_length", None)
    if not isinstance(value, str) or (limit is not None and len(value) > limit):
        raise handlers.Rejected(f"{name}: not a text of at most {limit} characters")
    return value


def _values(row: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in FIELD_NAMES:
        if name in DATES:
            values[name] = parse_date(row[name]) if row.get(name) else None
        else:
            values[name] = _text(row, name)
    if not values["registration_number"] or not values["name"]:
        raise handlers.Rejected("an organization needs its registration number and name")
    delisted = row.get("delisted_at")
    values["listed"] = bool(row.get("listed", True))
    values["delisted_at"] = receipts.parse_timestamp(delisted) if delisted else None
    values["content_hash"] = _text(row, "content_hash")
    values["name_key"] = search_key(values["name"])[:500]
    values["version"] = int(row["version"])
    return values


def _import(envelope: Envelope, described: dict[str, Any]) -> SupportImport:
    """The copy of the shared import; published again (now) as each part arrives."""
    record = SupportImport.objects.select_for_update(no_key=True).filter(pk=described["id"]).first()
    if record is not None and record.framework_id != envelope.framework_id:
        raise handlers.Rejected("this import belongs to another framework")
    before = audit.snapshot(record, AUDITED) if record is not None else None
    if record is None:
        record = SupportImport(
            id=described["id"],
            framework=envelope.framework,
            originator_side=envelope.from_side,
            originator_agency=peer_agency(envelope, described["from_agency"]),
            marking=Marking.BOTH,
            imported_by=None,
            status=ImportStatus.DONE,
            created_at=receipts.parse_timestamp(described["created_at"]),
            **{name: described[name] for name in IMPORT_FIELDS},
        )
        record.rows_processed = record.rows_total
        finished = described.get("finished_at")
        record.finished_at = receipts.parse_timestamp(finished) if finished else None
    notice = _notices(envelope)
    record.communication = record.communication or notice.first()
    record.published_at = timezone.now()
    record.full_clean(exclude=["imported_by", "stored_file", "communication"])
    record.save()
    audit.record(
        actor=None,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        obj=record,
        side_code=envelope.to_side.code,
        changes={
            **audit.diff(before, audit.snapshot(record, AUDITED)),
            "envelope": str(envelope.pk),
            "part": envelope.payload.get("part"),
        },
    )
    return record


def _organizations(envelope: Envelope, record: SupportImport, rows: list[Any]) -> list[Any]:
    """Bring the copies to the rows that are newer; the ids of those that changed."""
    incoming = {values["registration_number"]: values for values in map(_values, rows)}
    known = {
        o.registration_number: o
        for o in SupportOrganization.objects.filter(
            framework=envelope.framework, registration_number__in=list(incoming)
        )
    }
    if any(o.originator_side_id != envelope.from_side_id for o in known.values()):
        raise handlers.Rejected("an organization of this list is not the sending node's")
    new, changed = [], []
    for number, values in incoming.items():
        org = known.get(number)
        if org is None:
            new.append(
                SupportOrganization(
                    framework=envelope.framework,
                    originator_side=envelope.from_side,
                    originator_agency=record.originator_agency,
                    marking=Marking.PUBLIC,
                    **values,
                )
            )
        elif org.version < values["version"]:
            for name, value in values.items():
                setattr(org, name, value)
            changed.append(org)
    SupportOrganization.objects.bulk_create(new, batch_size=PART)
    now = timezone.now()
    for org in changed:
        org.updated_at = now
    fields = [*FIELD_NAMES, "listed", "delisted_at", "content_hash", "name_key", "version"]
    SupportOrganization.objects.bulk_update(changed, [*fields, "updated_at"], batch_size=PART)
    return [o.pk for o in new] + [o.pk for o in changed]


def receive(envelope: Envelope) -> None:
    """On the partner's node: the import's copy and its organizations, published."""
    if envelope.from_side_id == envelope.framework.partner_side_id:
        raise handlers.Rejected("Japan keeps the list of registered support organizations")
    try:
        record = _import(envelope, envelope.payload["import"])
        rows = envelope.payload["organizations"]
        if not isinstance(rows, list):
            raise TypeError("organizations: not a list")
        touched = _organizations(envelope, record, rows)
    except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
        raise handlers.Rejected(f"not a register notice: {error!r}"[:300]) from None
    from sswbridge.support.services import tell_screening

    tell_screening(touched)


def register() -> None:
    """Called once from the app's ready()."""
    handlers.register(KIND, received=receive)
