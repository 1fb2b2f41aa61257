"""The side archive: one zip file, signed by the exporting node's key.

    manifest.json     RFC 8785 canonical JSON: format, framework, side, time, the exporting
                      node's key id and public keys (current and retired), the counts, and
                      every other file of the archive with its size and SHA-256
    signature.json    {"key_id", "signature"}: Ed25519 by the node key over
                      b"sswbridge side export\\n" + the manifest's SHA-256 (hex)
    records.json      the rows, each {"model", "pk", "role", "fields"} (Django's serialization)
    audit.json        the audit entries about them, each with its hash and signature
    files/<sha256>    the stored files the rows name (attachments, evidence, packages)

The archive holds password hashes, second-factor secrets and unshared records: carry it as
a secret and delete it once imported.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from sswbridge.core import nodekey
from sswbridge.federation import canonical

FORMAT = "sswbridge-side-export/1"
CONTEXT = b"sswbridge side export\n"
MANIFEST, SIGNATURE, RECORDS, AUDIT = (
    "manifest.json",
    "signature.json",
    "records.json",
    "audit.json",
)


class ArchiveError(Exception):
    """The archive is unreadable, tampered with, or not signed by the expected node."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalize_fingerprint(value: str) -> str:
    return "".join(value.split()).lower()


def write(path: Path, header: dict[str, Any], members: dict[str, bytes]) -> str:
    """Write the archive; returns the manifest's SHA-256."""
    key = nodekey.current()
    keys = {k.key_id: k.raw_base64 for k in nodekey.trusted().values()}
    manifest = dict(header)
    manifest.update(
        format=FORMAT,
        key_id=key.key_id,
        keys=keys,
        files=[
            {"path": name, "size": len(data), "sha256": sha256(data)}
            for name, data in sorted(members.items())
        ],
    )
    body = canonical.dumps(manifest)
    digest = sha256(body)
    signature = {"key_id": key.key_id, "signature": key.sign(CONTEXT, digest.encode())}
    temp = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, body)
        archive.writestr(SIGNATURE, json.dumps(signature))
        for name, data in sorted(members.items()):
            archive.writestr(name, data)
    temp.chmod(0o600)
    temp.replace(path)
    return digest


@dataclass(frozen=True)
class Archive:
    manifest: dict[str, Any]
    digest: str
    members: dict[str, bytes]

    def json(self, name: str) -> Any:
        return json.loads(self.members[name])

    def public_keys(self) -> dict[str, nodekey.PublicKey]:
        return {key_id: _public(raw) for key_id, raw in self.manifest["keys"].items()}


def _public(raw_base64: str) -> nodekey.PublicKey:
    from sswbridge.federation import keys

    return keys.parse_public_key(raw_base64)


def read(path: Path, expected: set[str]) -> Archive:
    """Read and check the archive: signed by one of the `expected` key ids (fingerprints),
    every file as the manifest lists it. Raises ArchiveError saying what is wrong."""
    expected = {normalize_fingerprint(value) for value in expected}
    try:
        with zipfile.ZipFile(path) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile) as exc:
        raise ArchiveError(
            _("%(path)s is not a side archive: %(error)s") % {"path": path, "error": exc}
        ) from None
    try:
        body = members.pop(MANIFEST)
        signature = json.loads(members.pop(SIGNATURE))
        manifest = json.loads(body)
    except (KeyError, ValueError):
        raise ArchiveError(
            _("%(path)s has no readable manifest or signature") % {"path": path}
        ) from None
    if manifest.get("format") != FORMAT:
        raise ArchiveError(_("%(path)s is not a side archive of this version") % {"path": path})
    key_id = str(signature.get("key_id", ""))
    if key_id not in expected:
        raise ArchiveError(
            _(
                "the archive was signed by the key %(found)s, not by the expected node "
                "%(expected)s: refused"
            )
            % {
                "found": nodekey.grouped(key_id),
                "expected": ", ".join(nodekey.grouped(k) for k in sorted(expected)),
            }
        )
    try:
        key = _public(manifest["keys"][key_id])
    except Exception:
        raise ArchiveError(_("the archive does not carry the key that signed it")) from None
    digest = sha256(body)
    if key.key_id != key_id or not key.verify(
        CONTEXT, digest.encode(), str(signature.get("signature", ""))
    ):
        raise ArchiveError(_("the archive's signature does not verify: refused"))
    listed = {item["path"]: item for item in manifest["files"]}
    if set(listed) != set(members):
        raise ArchiveError(_("the archive's files are not those its manifest lists: refused"))
    for name, data in members.items():
        if sha256(data) != listed[name]["sha256"] or len(data) != listed[name]["size"]:
            raise ArchiveError(
                _("%(name)s does not match the manifest (tampered): refused") % {"name": name}
            )
    return Archive(manifest, digest, members)
