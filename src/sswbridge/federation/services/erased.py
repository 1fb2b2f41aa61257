"""Erasing values an envelope carries (personal data at the end of its retention period, on
either node): the visible value and its salt, or the withheld value kept home, or a released
opening, go; the commitments and the content hash stay, so the envelope's receipt still names
what was sent. Called in the caller's transaction, with its audit entry."""

from __future__ import annotations

from collections.abc import Iterable

from sswbridge.audit import services as audit
from sswbridge.federation.models import Envelope


def erase_values(envelope: Envelope, fields: Iterable[str], *, opening: bool = False) -> None:
    """Erase the values of `fields` from `envelope`; with `opening`, the released opening
    (value and salt) it carries."""
    names = [n for n in fields if n in envelope.payload or n in (envelope.withheld or {})]
    payload = {k: v for k, v in envelope.payload.items() if k not in names}
    if opening and isinstance(payload.get("opening"), dict):
        payload["opening"] = {"erased": True}
        names.append("opening")
    if not names:
        return
    salts = {k: v for k, v in envelope.salts.items() if k not in names}
    withheld = {k: v for k, v in (envelope.withheld or {}).items() if k not in names}
    Envelope.objects.filter(pk=envelope.pk).update(payload=payload, salts=salts, withheld=withheld)
    audit.record(
        actor=None,
        action="federation.values_erased",
        obj=envelope,
        side_code=(envelope.to_side if envelope.direction == "in" else envelope.from_side).code,
        changes={"fields": sorted(names)},
    )
