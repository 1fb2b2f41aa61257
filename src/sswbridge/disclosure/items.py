"""What of a communication or a case can be asked for, and its values for an export.

Fields are named: `subject`, `body` and `payload.<name>` for a communication; the case's own
fields for a case. Files are attachments (of a communication) or evidence (of a case), by id.
Withheld fields and files (redaction) and retracted communications are never offered and
never exported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from sswbridge.cases.models import Case
from sswbridge.exchange.models import Attachment, Communication

CASE_FIELDS: tuple[tuple[str, StrOrPromise], ...] = (
    ("reference", _("Reference")),
    ("title", _("Title")),
    ("description", _("Description")),
    ("subject_type", _("Subject")),
    ("status", _("Status")),
    ("outcome", _("Outcome")),
    ("decision", _("Decision")),
)


@dataclass(frozen=True)
class FileRef:
    id: str
    name: str
    size: int
    sha256: str
    path: str


def withheld_of(obj: Any) -> set[str]:
    """Field names the originator withholds (a communication's payload fields; a case's own
    fields once cases have redaction)."""
    names = set(getattr(obj, "withheld_fields", None) or [])
    if isinstance(obj, Communication):
        return {f"payload.{name}" for name in names}
    return names


def field_choices(obj: Any) -> list[tuple[str, str]]:
    """(name, label) of each field that may be asked for: present, not withheld."""
    withheld = withheld_of(obj)
    if isinstance(obj, Communication):
        rows = [("subject", str(_("Subject"))), ("body", str(_("Text")))]
        rows += [(f"payload.{name}", label) for name, label, _v in obj.payload_rows()]
    else:
        rows = [(name, str(label)) for name, label in CASE_FIELDS]
    return [(name, label) for name, label in rows if name not in withheld]


def _files(obj: Any, user: Any) -> list[Any]:
    if isinstance(obj, Communication):
        visible = Attachment.objects.visible_to(user).filter(communication=obj, withheld=False)
        return list(visible.order_by("created_at", "original_name"))
    return list(obj.evidence.all())


def file_choices(obj: Any, user: Any) -> list[FileRef]:
    """The files of the item that `user` sees (an attachment's marking may narrow its
    communication's) and that are not withheld."""
    return [
        FileRef(str(f.pk), f.original_name, f.size, f.sha256, f.file.name)
        for f in _files(obj, user)
    ]


def values(obj: Any, fields: list[str]) -> list[tuple[str, str]]:
    """(label, value) of the named fields, in the catalogue's order, withheld ones left out."""
    wanted = set(fields) - withheld_of(obj)
    rows: list[tuple[str, str]] = []
    if isinstance(obj, Communication):
        if "subject" in wanted:
            rows.append((str(_("Subject")), obj.subject))
        if "body" in wanted:
            rows.append((str(_("Text")), strip_tags(obj.body)))
        for name, label, shown in obj.payload_rows():
            if f"payload.{name}" in wanted:
                rows.append((label, shown))
        return rows
    case: Case = obj
    for name, case_label in CASE_FIELDS:
        if name in wanted:
            display = getattr(case, f"get_{name}_display", None)
            rows.append((str(case_label), str(display() if display else getattr(case, name))))
    return rows


def label_of(obj: Any) -> str:
    if isinstance(obj, Communication):
        return str(_("Communication %(id)s") % {"id": str(obj.pk)[:8]})
    return str(_("Case %(id)s") % {"id": str(obj.pk)[:8]})
