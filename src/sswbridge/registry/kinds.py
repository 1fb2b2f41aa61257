"""The registers' kinds of communication: improper activity of a sending organization and its
results (7.3), the notices of a sending organization's status (7.2, 7.4). Registered from
`RegistryConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from sswbridge.exchange.kinds import (
    CommunicationKind,
    FieldType,
    PayloadField,
    confidential_fields,
    register_kind,
)

RESULT_MEASURES: tuple[tuple[str, StrOrPromise], ...] = (
    ("no_impropriety", _("No improper activity found")),
    ("guidance", _("Guidance given")),
    ("improvement_instruction", _("Instruction to improve")),
    ("approval_suspended", _("Approval suspended")),
    ("approval_revoked", _("Approval revoked")),
)


def _sending_org_fields(*, reason_required: bool) -> tuple[PayloadField, ...]:
    """The payload of a notice about a sending organization's status (clauses 7.2, 7.4)."""
    return (
        PayloadField(
            "sending_organization", _("Sending organization"), required=True, max_length=300
        ),
        PayloadField(
            "registration_number", _("State registration number"), required=True, max_length=64
        ),
        PayloadField("status", _("Status"), required=True, max_length=16),
        PayloadField("effective_date", _("Effective date"), required=True, max_length=10),
        PayloadField("reason", _("Reason"), required=reason_required, max_length=5000),
    )


IMPROPER_ACTIVITY_NOTICE = CommunicationKind(
    key="improper_activity_notice",
    label=_("Notice of improper activity of an approved sending organization"),
    clause="7.3",
    fields=(
        PayloadField(
            "sending_organization", _("Sending organization"), required=True, max_length=300
        ),
        *confidential_fields(),
    ),
    needs_answer=True,
    answer_kinds=("results_report",),
    default_answer_days=30,
)

RESULTS_REPORT = CommunicationKind(
    key="results_report",
    label=_("Report of the results of investigation and guidance"),
    clause="7.3",
    fields=(
        PayloadField(
            "measures", _("Measures taken"), FieldType.MULTI_CHOICE, choices=RESULT_MEASURES
        ),
    ),
    reply_only=True,
)

# Register notices: sent by the registers' services with the change they carry.

SENDING_ORG_APPROVAL_NOTICE = CommunicationKind(
    key="sending_org_approval_notice",
    label=_("Notice of approval of a sending organization"),
    clause="7.2, 6.1",
    managed=True,
    fields=_sending_org_fields(reason_required=False),
)

SENDING_ORG_SUSPENSION_NOTICE = CommunicationKind(
    key="sending_org_suspension_notice",
    label=_("Notice of suspension of a sending organization"),
    clause="7.4",
    managed=True,
    fields=_sending_org_fields(reason_required=True),
)

SENDING_ORG_REVOCATION_NOTICE = CommunicationKind(
    key="sending_org_revocation_notice",
    label=_("Notice of revocation of the approval of a sending organization"),
    clause="7.4, 6.2",
    managed=True,
    fields=_sending_org_fields(reason_required=True),
)

SENDING_ORG_EXPIRY_NOTICE = CommunicationKind(
    key="sending_org_expiry_notice",
    label=_("Notice of expiry of the approval of a sending organization"),
    clause="7.4",
    managed=True,
    fields=_sending_org_fields(reason_required=False),
)


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(IMPROPER_ACTIVITY_NOTICE, position=20)
    register_kind(RESULTS_REPORT, position=30)
    register_kind(SENDING_ORG_APPROVAL_NOTICE, position=110)
    register_kind(SENDING_ORG_SUSPENSION_NOTICE, position=120)
    register_kind(SENDING_ORG_REVOCATION_NOTICE, position=130)
    register_kind(SENDING_ORG_EXPIRY_NOTICE, position=140)
