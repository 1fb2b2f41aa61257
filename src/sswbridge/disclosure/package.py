"""The export package for a third party and the consent document, as bytes.

The package is a zip: `disclosure.pdf` (exactly the consented items and fields, every page
watermarked with the recipient and the consent reference), the consented files under
`files/`, and `manifest.json` with the SHA-256 of each of them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.cases.models import Case
from sswbridge.disclosure import federation as peers
from sswbridge.disclosure import items as catalogue
from sswbridge.disclosure.models import DisclosureRequest, ItemKind
from sswbridge.disclosure.pdf import Section, render
from sswbridge.exchange.models import Communication

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Built:
    name: str
    data: bytes
    sha256: str
    manifest: dict[str, Any]
    contents: list[dict[str, Any]]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def watermark(request: DisclosureRequest) -> str:
    return _("For %(recipient)s only — consent %(ref)s") % {
        "recipient": request.third_party,
        "ref": request.consent_reference,
    }


def _consent_rows(r: DisclosureRequest) -> list[tuple[str, str]]:
    decided_by = r.decided_by
    return [
        (_("Consent reference"), r.consent_reference),
        (_("Request"), r.reference),
        (_("Framework"), str(r.framework)),
        (
            _("Granted by"),
            f"{decided_by.get_full_name() or decided_by.username}, {decided_by.agency}"
            if decided_by
            else str(_("the contact point of %(side)s, on its node") % {"side": r.owner_side}),
        ),
        (_("Granted at"), f"{r.decided_at:%Y-%m-%d %H:%M %Z}" if r.decided_at else ""),
        (_("Signed by the node key"), _signed(r)),
        (
            _("Requested by"),
            f"{r.requested_by.get_full_name() or r.requested_by.username}, {r.originator_agency}"
            if r.requested_by
            else str(r.originator_agency),
        ),
        (_("For (third party)"), r.third_party),
        (_("Purpose"), r.purpose),
        (_("Conditions"), r.conditions or _("None")),
        (_("Valid until"), r.expires_on.isoformat() if r.expires_on else ""),
    ]


def _signed(r: DisclosureRequest) -> str:
    found = peers.signature(r)
    if found is None:
        return ""
    state = _("signature verified") if found.verified else _("signature does not verify")
    return f"{found.key_id} ({state})"


def _target(item: Any) -> Any:
    """The item's record, read again now (what it holds at export time); None when this
    node does not hold it (a request that came from another node)."""
    if item.kind == ItemKind.COMMUNICATION:
        return Communication.objects.filter(pk=item.communication_id).first()
    return Case.objects.filter(pk=item.case_id).first()


def consent_pdf(r: DisclosureRequest) -> bytes:
    """The written consent: who granted what, when, for whom, conditions, until when."""
    sections = [Section(_("Written consent to disclosure to a third party"), _consent_rows(r))]
    for n, item in enumerate(r.items.all(), start=1):
        obj = _target(item)
        labels = dict(catalogue.field_choices(obj)) if obj is not None else {}
        names = (
            {f.id: f.name for f in catalogue.file_choices(obj, r.requested_by)}
            if obj is not None and r.requested_by is not None
            else {}
        )
        rows = [(_("Fields"), "; ".join(labels.get(f, f) for f in item.fields) or "—")]
        rows.append((_("Files"), "; ".join(names.get(f, f) for f in item.files) or "—"))
        title = f"{n}. {item.label} ({obj.pk})" if obj is not None else f"{n}. {item.label}"
        sections.append(Section(title, rows))
    return render(_("Written consent %(ref)s") % {"ref": r.consent_reference}, sections)


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name)[:120] or "file"


def build(*, actor: User, request: DisclosureRequest) -> Built:
    r = request
    sections = [Section(_("Consent"), _consent_rows(r))]
    contents: list[dict[str, Any]] = []
    files: list[tuple[str, bytes]] = []
    for n, item in enumerate(r.items.all(), start=1):
        obj = _target(item)
        if obj is None or getattr(obj, "retracted_at", None) is not None:
            from sswbridge.disclosure.services import DisclosureError

            raise DisclosureError("item_retracted", _("An item has been retracted."))
        rows = catalogue.values(obj, list(item.fields))
        available = {f.id: f for f in catalogue.file_choices(obj, actor)}
        shipped = []
        for file_id in item.files:
            ref = available.get(file_id)
            if ref is None:  # withheld or gone since the consent: never exported
                continue
            with default_storage.open(ref.path, "rb") as fh:
                data = fh.read()
            path = f"files/{n:02d}-{len(files) + 1:02d}-{_safe(ref.name)}"
            files.append((path, data))
            shipped.append(ref.id)
            rows.append((_("File"), f"{ref.name} → {path} (SHA-256 {_sha(data)})"))
        sections.append(Section(f"{n}. {item.label}", rows))
        contents.append(
            {
                "kind": item.kind,
                "id": str(obj.pk),
                "fields": [f for f in item.fields if f not in catalogue.withheld_of(obj)],
                "files": shipped,
            }
        )
    mark = watermark(r)
    pdf = render(
        _("Disclosure under consent %(ref)s") % {"ref": r.consent_reference},
        sections,
        watermark=mark,
    )
    files.insert(0, ("disclosure.pdf", pdf))
    now = timezone.now()
    manifest = {
        "consent_reference": r.consent_reference,
        "request_reference": r.reference,
        "recipient": r.third_party,
        "consent_valid_until": r.expires_on.isoformat() if r.expires_on else None,
        "generated_at": now.isoformat(),
        "generated_by_agency": str(actor.agency),
        "files": [{"name": p, "size": len(d), "sha256": _sha(d)} for p, d in files],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files:
            archive.writestr(zipfile.ZipInfo(path, FIXED_TIME), data)
        body = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        archive.writestr(zipfile.ZipInfo("manifest.json", FIXED_TIME), body)
    data = buffer.getvalue()
    name = f"{r.consent_reference}-{now:%Y%m%d%H%M%S}.zip"
    return Built(name=name, data=data, sha256=_sha(data), manifest=manifest, contents=contents)
