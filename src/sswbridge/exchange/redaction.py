"""What a reader may see of a communication: the one place that applies redaction and
retraction.

Every reader of a communication's content — the pages, the API, exports and print views
(the `disclosure` app), any future transport to a third party — takes it from
`view_for(user, communication)` and never from the model's `subject`, `body`, `payload` or
`attachments` directly. For a reader of the originating side the view holds everything
(with the withheld fields marked); for a reader of the other side:

- a field listed in `Communication.withheld_fields` is absent from `payload` and from
  `fields` carries only its label and `withheld=True`;
- an attachment with `withheld=True` is listed only as "withheld" (no name, type, size or
  checksum) and `readable_attachments` keeps it out of every download;
- a retracted communication (`retracted_at` set) shows neither subject, body, payload nor
  attachments: only that, when and by which side it was retracted.

The subject and body are never withheld field by field: they are what lists, searches and
notifications show, so what must stay with the originator belongs in a kind's fields or in
an attachment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.exchange.models import Attachment, Communication

WITHHELD = "withheld"
"""The value an export or an API shows in place of withheld content (never the content)."""


def is_other_side(user: User | AnonymousUser, communication: Communication | Attachment) -> bool:
    """True when the reader is not of the originating side (or is nobody)."""
    agency = getattr(user, "agency", None)
    return agency is None or agency.side_id != communication.originator_side_id


def is_hidden_by_retraction(user: User | AnonymousUser, communication: Communication) -> bool:
    return communication.retracted_at is not None and is_other_side(user, communication)


def retraction_text(communication: Communication) -> str:
    """ "Retracted on DATE by SIDE" (translated), or "" when not retracted."""
    if communication.retracted_at is None:
        return ""
    return _("Retracted on %(date)s by %(side)s") % {
        "date": communication.retracted_at.strftime("%Y-%m-%d"),
        "side": communication.originator_side.code.upper(),
    }


def subject_for(user: User | AnonymousUser, communication: Communication) -> str:
    """The subject as the reader may see it: lists, timelines, links."""
    if is_hidden_by_retraction(user, communication):
        return retraction_text(communication)
    return communication.subject


def withheld_for(user: User | AnonymousUser, communication: Communication) -> frozenset[str]:
    """The payload fields hidden from this reader (none for the originating side)."""
    if not is_other_side(user, communication):
        return frozenset()
    return frozenset(communication.withheld_fields or ())


def readable_attachments(
    user: User | AnonymousUser, attachments: QuerySet[Attachment]
) -> QuerySet[Attachment]:
    """Narrow already visible attachments to those whose file the reader may open: the other
    side never gets a withheld file or one of a retracted communication."""
    agency = getattr(user, "agency", None)
    if agency is None:
        return attachments.none()
    return attachments.exclude(
        Q(withheld=True) | Q(communication__retracted_at__isnull=False),
        ~Q(communication__originator_side_id=agency.side_id),
    )


@dataclass(frozen=True)
class FieldView:
    name: str
    label: str
    value: str
    """The value as shown (choices by their labels); empty when withheld."""
    withheld: bool
    """Hidden from this reader (other side), or marked withheld (originating side)."""


@dataclass(frozen=True)
class AttachmentView:
    attachment: Attachment | None
    """None when withheld from this reader: nothing of the file may be shown."""
    pk: Any
    withheld: bool


@dataclass(frozen=True)
class CommunicationView:
    """A communication as one reader may see it; see the module's docstring."""

    communication: Communication
    other_side: bool
    retracted: bool
    """Hidden by retraction from this reader."""
    retraction: str
    subject: str
    body: str
    payload: dict[str, Any]
    fields: list[FieldView] = field(default_factory=list)
    attachments: list[AttachmentView] = field(default_factory=list)

    @property
    def withheld_fields(self) -> list[str]:
        return [f.name for f in self.fields if f.withheld]

    @property
    def has_withheld(self) -> bool:
        return any(f.withheld for f in self.fields) or any(a.withheld for a in self.attachments)

    def as_export(self) -> dict[str, Any]:
        """Plain data for exports and print views: withheld content is `WITHHELD`."""
        return {
            "id": str(self.communication.pk),
            "version": self.communication.version,
            "kind": self.communication.kind,
            "retracted": self.retraction or None,
            "subject": self.subject,
            "body": self.body,
            "fields": [
                {
                    "name": f.name,
                    "label": f.label,
                    "value": WITHHELD if f.withheld and self.other_side else f.value,
                    "withheld": f.withheld,
                }
                for f in self.fields
            ],
            "attachments": [
                {"id": str(a.pk), "withheld": True}
                if a.attachment is None
                else {
                    "id": str(a.pk),
                    "name": a.attachment.original_name,
                    "sha256": a.attachment.sha256,
                    "withheld": a.withheld,
                }
                for a in self.attachments
            ],
        }


CACHE = "_redaction_views"


def _with_absent_withheld(communication: Communication, fields: list[FieldView]) -> list[FieldView]:
    """A communication from another node holds no withheld value (only its commitment came):
    its withheld fields are listed, as withheld, in the kind's order."""
    spec = communication.kind_spec
    if spec is None:
        return fields
    present = {f.name: f for f in fields}
    withheld = set(communication.withheld_fields or ())
    return [
        present.get(field.name)
        or FieldView(name=field.name, label=str(field.label), value="", withheld=True)
        for field in spec.fields
        if field.name in present or field.name in withheld
    ]


def withheld_placeholder(item: AttachmentView, communication: Communication) -> Any:
    """What the API lists for an attachment withheld from the caller: its id only."""
    return SimpleNamespace(
        pk=item.pk,
        id=item.pk,
        communication_id=communication.pk,
        original_name=None,
        content_type=None,
        size=None,
        sha256=None,
        marking=None,
        created_at=None,
        withheld=True,
    )


def view_for(
    user: User | AnonymousUser,
    communication: Communication,
    attachments: Iterable[Attachment] | None = None,
) -> CommunicationView:
    """The communication as `user` may see it. `attachments`: those `visible_to` the user,
    when the caller has them already (else they are read here)."""
    cache: dict[Any, CommunicationView] = communication.__dict__.setdefault(CACHE, {})
    # Cached per user, for "read the attachments here" and for "no attachments" (a list's
    # schema asks for the view once per field); a caller's own list is never cached.
    given = attachments if attachments is None else list(attachments)
    key = (getattr(user, "pk", None), given is None)
    if (given is None or given == []) and key in cache:
        return cache[key]
    other = is_other_side(user, communication)
    hidden = other and communication.retracted_at is not None
    attachments = given
    if attachments is None:
        attachments = Attachment.objects.visible_to(user).filter(communication=communication)
    if hidden:
        view = CommunicationView(
            communication=communication,
            other_side=True,
            retracted=True,
            retraction=retraction_text(communication),
            subject=retraction_text(communication),
            body="",
            payload={},
        )
    else:
        withheld = set(communication.withheld_fields or ())
        fields = [
            FieldView(
                name=name,
                label=label,
                value="" if other and name in withheld else shown,
                withheld=name in withheld,
            )
            for name, label, shown in communication.payload_rows()
        ]
        if other and withheld - set(communication.payload):
            fields = _with_absent_withheld(communication, fields)
        payload = {k: v for k, v in communication.payload.items() if not (other and k in withheld)}
        files = [
            AttachmentView(
                attachment=None if other and a.withheld else a, pk=a.pk, withheld=a.withheld
            )
            for a in attachments
        ]
        view = CommunicationView(
            communication=communication,
            other_side=other,
            retracted=False,
            retraction=retraction_text(communication),
            subject=communication.subject,
            body=communication.body,
            payload=payload,
            fields=fields,
            attachments=files,
        )
    if given is None or given == []:
        cache[key] = view
    return view
