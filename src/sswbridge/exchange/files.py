"""Checks of uploaded files: type by content (magic bytes), name, size limit, SHA-256.

`inspect_upload(uploaded_file)` reads the whole file once, decides its type from its bytes
(never only from its name or the browser's content type) and returns a `FileCheck`; a file
that is not allowed raises a ValidationError with a message in the user's language. The
name's extension must agree with the content (`refuse_disagreeing_name`): a PDF named
`.xlsx`, or a workbook named `.pdf`, is refused, because the person who opens it goes by
the name. An extension that names no known type (`scan 2026.05.01`) claims nothing. Other
apps (cases, evidence, the support-organization import) reuse it.
"""

from __future__ import annotations

import hashlib
import mimetypes
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHUNK = 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
NAME_MAX = 255
XLSX = OOXML["xl/"]
# The extensions each detected type may carry.
EXTENSIONS: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({"pdf"}),
    "image/png": frozenset({"png"}),
    "image/jpeg": frozenset({"jpg", "jpeg", "jpe", "jfif"}),
    "image/gif": frozenset({"gif"}),
    "image/webp": frozenset({"webp"}),
    "application/x-ole-storage": frozenset({"doc", "dot", "xls", "xlt", "ppt", "pot", "pps"}),
    OOXML["word/"]: frozenset({"docx", "docm", "dotx", "dotm"}),
    XLSX: frozenset({"xlsx", "xlsm", "xltx", "xltm"}),
    OOXML["ppt/"]: frozenset({"pptx", "pptm", "ppsx", "ppsm", "potx", "potm"}),
    "application/vnd.oasis.opendocument.text": frozenset({"odt", "ott"}),
    "application/vnd.oasis.opendocument.spreadsheet": frozenset({"ods", "ots"}),
    "application/vnd.oasis.opendocument.presentation": frozenset({"odp", "otp"}),
}
_KNOWN_EXTENSIONS = frozenset().union(*EXTENSIONS.values())
_TYPES = mimetypes.MimeTypes()  # Python's own table only, the same on every machine


@dataclass(frozen=True)
class FileCheck:
    """What an accepted file is: its cleaned name, detected type, size and SHA-256."""

    name: str
    content_type: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_MB) * 1024 * 1024


def clean_name(name: str) -> str:
    """The file's own name, without directories or control characters, at most 255 long."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if len(base) > NAME_MAX:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: NAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) < 10 else base
        base = base[:NAME_MAX]
    return base or "file"


def _extension(name: str) -> str | None:
    """The extension of `name` when it names a type (ours, or any Python knows), else None."""
    suffix = PurePath(name).suffix.lower()
    if not suffix:
        return None
    if suffix[1:] in _KNOWN_EXTENSIONS or _TYPES.guess_type(f"x{suffix}", strict=False)[0]:
        return suffix[1:]
    return None


def refuse_disagreeing_name(name: str, content_type: str) -> None:
    """A ValidationError when the name's extension claims another type than the content's."""
    extension = _extension(name)
    if extension is not None and extension not in EXTENSIONS.get(content_type, frozenset()):
        expected = ", ".join(f".{e}" for e in sorted(EXTENSIONS.get(content_type, ())))
        raise ValidationError(
            _(
                "The file %(name)s is named .%(extension)s, but its content is of another "
                "type; name it %(expected)s, as its content is."
            )
            % {"name": name, "extension": extension, "expected": expected or "?"},
            code="file_name_disagrees",
        )


def _zip_type(handle: IO[bytes]) -> str | None:
    """An OOXML or OpenDocument type from the package's own manifest, or None."""
    try:
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    declared = member.read(100).decode("ascii", "replace").strip()
                return declared if declared in OPENDOCUMENT else None
            if "[Content_Types].xml" not in names:
                return None
            for prefix, content_type in OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return content_type
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    return None


def sniff(head: bytes, handle: IO[bytes]) -> str | None:
    """The content type the bytes show, among the allowed ones; None when not allowed."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(OLE2):
        return "application/x-ole-storage"  # legacy .doc, .xls, .ppt
    if head.startswith(b"PK\x03\x04"):
        handle.seek(0)
        return _zip_type(handle)
    return None


def _digest(handle: IO[bytes], limit: int) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    handle.seek(0)
    while chunk := handle.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        digest.update(chunk)
    return size, digest.hexdigest()


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        _("The file is larger than the limit of %(limit)d MB.") % {"limit": limit // 1024 // 1024},
        code="file_too_large",
    )


def inspect_upload(uploaded_file: Any) -> FileCheck:
    """Check one uploaded file (a Django UploadedFile or any binary file object)."""
    name = clean_name(getattr(uploaded_file, "name", "") or "")
    limit = max_upload_bytes()
    declared = getattr(uploaded_file, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise _too_large(limit)
    handle: IO[bytes] = getattr(uploaded_file, "file", uploaded_file)
    size, sha256 = _digest(handle, limit)
    if size == 0:
        raise ValidationError(_("The file %(name)s is empty.") % {"name": name}, code="file_empty")
    handle.seek(0)
    head = handle.read(16)
    content_type = sniff(head, handle)
    handle.seek(0)
    if content_type is None:
        raise ValidationError(
            _(
                "The file %(name)s is not allowed: only PDF, images (PNG, JPEG, GIF, WebP) "
                "and office documents are accepted, and the type is checked by content."
            )
            % {"name": name},
            code="file_type_not_allowed",
        )
    refuse_disagreeing_name(name, content_type)
    return FileCheck(name=name, content_type=content_type, size=size, sha256=sha256)
