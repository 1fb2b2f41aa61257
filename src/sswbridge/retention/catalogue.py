"""Which records hold personal data, for how long by default, and what erasing them means.

One `Kind` per kind of record with its own retention period. Each names the model, the
personal fields and what happens to each at the end of the period (*pseudonymized*: replaced
by a stable label derived from the record's id, so lists stay readable; *erased*: emptied),
the other models whose personal fields go with it, and the default period in days. The
period runs from the record's *reference date* (see `clocks.py`).

The same declaration tells the audit trail which fields never to record (`audit/personal.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.audit import personal


class RetentionKind(models.TextChoices):
    AFFECTED_PERSON = "affected_person", _("Workers affected by a suspension, with dependants")
    SENDING_ORG_CONTACTS = (
        "sending_org_contacts",
        _("Representatives and contacts of sending organizations no longer approved"),
    )
    IMPROVEMENT_ORDER_REPRESENTATIVE = (
        "improvement_order_representative",
        _("Representatives named in improvement orders"),
    )


class Method(models.TextChoices):
    PSEUDONYMIZED = "pseudonymized", _("Pseudonymized")
    ERASED = "erased", _("Erased")


@dataclass(frozen=True)
class Part:
    """The personal fields of one model: field name → method."""

    model: str  # app_label.modelname
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    key: str
    default_days: int
    parts: tuple[Part, ...]
    clock: Promise  # what starts the period; computed in clocks.py


YEAR = 365

KINDS: dict[str, Kind] = {
    RetentionKind.AFFECTED_PERSON: Kind(
        key=RetentionKind.AFFECTED_PERSON,
        default_days=5 * YEAR,
        parts=(
            Part(
                "suspensions.affectedperson",
                {
                    "name": Method.PSEUDONYMIZED,
                    "employer": Method.ERASED,
                    "situation_note": Method.ERASED,
                    "nationality": Method.ERASED,
                    "passport_number": Method.ERASED,
                    "residence_card_number": Method.ERASED,
                    "date_of_birth": Method.ERASED,
                    "contact": Method.ERASED,
                },
            ),
            Part(
                "suspensions.traveldocument",
                {"document_number": Method.ERASED, "issuing_mission": Method.ERASED},
            ),
            Part(
                "suspensions.dependant",
                {"name": Method.PSEUDONYMIZED, "date_of_birth": Method.ERASED},
            ),
            Part("suspensions.returnassistancerequest", {"assistance": Method.ERASED}),
            # The letter that carried the request names the worker and dependants.
            Part(
                "exchange.communication",
                {"body": Method.ERASED, "payload.assistance": Method.ERASED},
            ),
        ),
        clock=_("last change of the person, or the closing of its last return request"),
    ),
    RetentionKind.SENDING_ORG_CONTACTS: Kind(
        key=RetentionKind.SENDING_ORG_CONTACTS,
        default_days=10 * YEAR,
        parts=(
            Part(
                "sending.sendingorganization",
                {
                    "representatives": Method.ERASED,
                    "phone": Method.ERASED,
                    "email": Method.ERASED,
                },
            ),
        ),
        clock=_("last change of an organization refused, revoked or expired"),
    ),
    RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE: Kind(
        key=RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE,
        default_days=5 * YEAR,
        parts=(
            Part("orders.improvementorder", {"representative": Method.ERASED}),
            Part("exchange.communication", {"payload.representative": Method.ERASED}),
        ),
        clock=_("date of the order"),
    ),
}

# Audited everywhere as a marker, never as a value. The communication's body and payload are
# not audited at all (`exchange.services.AUDITED`), so they need no entry here.
AUDIT_MASKED: dict[str, tuple[str, ...]] = {
    "suspensions.affectedperson": (
        "name",
        "employer",
        "situation_note",
        "nationality",
        "passport_number",
        "residence_card_number",
        "date_of_birth",
        "contact",
    ),
    "suspensions.traveldocument": ("document_number",),
    "suspensions.dependant": ("name", "date_of_birth"),
    "suspensions.returnassistancerequest": ("assistance",),
    "sending.sendingorganization": ("representatives", "phone", "email"),
    "orders.improvementorder": ("representative",),
}


def register_with_audit() -> None:
    for object_type, names in AUDIT_MASKED.items():
        personal.register(object_type, names)


def default_days(kind: str) -> int:
    return KINDS[kind].default_days
