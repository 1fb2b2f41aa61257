"""Kinds of communication, declared as data.

Adding a kind is adding one `CommunicationKind` to `KINDS`: its payload fields, whether it
needs an answer, which kinds answer it and in how many business days, and its default marking.
Forms, API validation and the `/api/v1/exchange/kinds` description are all built from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from sswbridge.core.models import Marking


class FieldType(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"


@dataclass(frozen=True)
class PayloadField:
    """One field of a kind's payload. `required_if` = (other field, value it holds or contains)."""

    name: str
    label: StrOrPromise
    type: FieldType = FieldType.TEXT
    choices: tuple[tuple[str, StrOrPromise], ...] = ()
    required: bool = False
    required_if: tuple[str, str] | None = None
    max_length: int = 2000

    def choice_values(self) -> set[str]:
        return {value for value, _label in self.choices}


@dataclass(frozen=True)
class CommunicationKind:
    key: str
    label: StrOrPromise
    clause: str
    fields: tuple[PayloadField, ...] = ()
    needs_answer: bool = False
    answer_kinds: tuple[str, ...] = ()
    default_answer_days: int = 0
    default_marking: str = Marking.BOTH
    reply_only: bool = False
    """Sent only as the answer to another communication."""
    managed: bool = False
    """Sent only by the service of the app that keeps its record (lifecycle, suspensions),
    which passes `managed=True`; never composed, answered or corrected by hand."""

    def validate_payload(self, payload: Mapping[str, Any] | None) -> dict[str, Any]:
        """The payload cleaned to this kind's fields; ValidationError({field: [message]})."""
        return _validate(self, dict(payload or {}))


def _validate(kind: CommunicationKind, payload: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    known = {f.name for f in kind.fields}
    for name in sorted(set(payload) - known):
        errors.setdefault(name, []).append(str(_("This kind of communication has no such field.")))
    cleaned: dict[str, Any] = {}
    for spec in kind.fields:
        value, problem = _clean_value(spec, payload.get(spec.name))
        if problem:
            errors.setdefault(spec.name, []).append(problem)
            continue
        cleaned[spec.name] = value
    for spec in kind.fields:
        if spec.name in errors or _present(cleaned.get(spec.name)):
            continue
        if spec.required or _condition_holds(spec, cleaned):
            errors.setdefault(spec.name, []).append(str(_("This field is required.")))
    if errors:
        raise ValidationError(errors)
    return {name: value for name, value in cleaned.items() if _present(value)}


def _present(value: Any) -> bool:
    return value not in (None, "", [])


def _condition_holds(spec: PayloadField, cleaned: Mapping[str, Any]) -> bool:
    if spec.required_if is None:
        return False
    other, expected = spec.required_if
    value = cleaned.get(other)
    return expected in value if isinstance(value, list) else value == expected


def _clean_value(spec: PayloadField, value: Any) -> tuple[Any, str]:
    if value is None:
        return None, ""
    if spec.type == FieldType.MULTI_CHOICE:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, str(_("Give a list of choices."))
        unknown = [v for v in value if v not in spec.choice_values()]
        if unknown:
            shown = ", ".join(v.replace("\x00", "") for v in unknown)
            return None, str(_("Not a valid choice: %(values)s") % {"values": shown})
        return sorted(set(value), key=[v for v, _l in spec.choices].index), ""
    if not isinstance(value, str):
        return None, str(_("Give a text value."))
    value = value.strip()
    if "\x00" in value:
        return None, str(_("Null characters are not allowed."))
    if spec.type == FieldType.CHOICE and value and value not in spec.choice_values():
        return None, str(_("Not a valid choice: %(values)s") % {"values": value})
    if len(value) > spec.max_length:
        return None, str(
            _("At most %(limit)d characters are allowed.") % {"limit": spec.max_length}
        )
    return value, ""


INTERMEDIARY_ACTS: tuple[tuple[str, StrOrPromise], ...] = (
    ("money_or_property", _("a) Managing workers' money or property (deposits)")),
    ("penalty_contract", _("b) Contracts that set penalties")),
    ("human_rights", _("c) Infringing human rights (assault, intimidation, restraint)")),
    ("forged_documents", _("d) Forged or false documents for immigration or visa procedures")),
    ("unexplained_fees", _("e) Fees without a shown calculation basis")),
    ("other", _("Other")),
)

EXAM_FRAUD_TYPES: tuple[tuple[str, StrOrPromise], ...] = (
    ("proxy_test_taking", _("Proxy test-taking")),
    ("forged_certificate", _("Forged or altered pass certificate")),
    ("other", _("Other")),
)

COOPERATION_TOPICS: tuple[tuple[str, StrOrPromise], ...] = (
    ("exam_venue", _("Exam venues and their operation")),
    ("language_education", _("Japanese-language education")),
    ("other", _("Other")),
)

RESULT_MEASURES: tuple[tuple[str, StrOrPromise], ...] = (
    ("no_impropriety", _("No improper activity found")),
    ("guidance", _("Guidance given")),
    ("improvement_instruction", _("Instruction to improve")),
    ("approval_suspended", _("Approval suspended")),
    ("approval_revoked", _("Approval revoked")),
)


def _other_text(label: StrOrPromise, other_of: str) -> PayloadField:
    return PayloadField("other_text", label, required_if=(other_of, "other"), max_length=1000)


def _confidential_fields() -> tuple[PayloadField, ...]:
    """Who told and who was harmed: fields an originator often withholds (redaction.py)."""
    return (
        PayloadField("informant", _("Informant (identity and contact)"), max_length=500),
        PayloadField("victims", _("Victims (names)"), max_length=2000),
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


KINDS_LIST: tuple[CommunicationKind, ...] = (
    CommunicationKind(
        key="intermediary_share",
        label=_("Information share on intermediaries"),
        clause="4.1",
        fields=(
            PayloadField("intermediary_names", _("Intermediary names"), max_length=1000),
            PayloadField(
                "acts",
                _("Acts"),
                FieldType.MULTI_CHOICE,
                choices=INTERMEDIARY_ACTS,
                required=True,
            ),
            _other_text(_("Other act"), "acts"),
            *_confidential_fields(),
        ),
    ),
    CommunicationKind(
        key="improper_activity_notice",
        label=_("Notice of improper activity of an approved sending organization"),
        clause="7.3",
        fields=(
            PayloadField(
                "sending_organization", _("Sending organization"), required=True, max_length=300
            ),
            *_confidential_fields(),
        ),
        needs_answer=True,
        answer_kinds=("results_report",),
        default_answer_days=30,
    ),
    CommunicationKind(
        key="results_report",
        label=_("Report of the results of investigation and guidance"),
        clause="7.3",
        fields=(
            PayloadField(
                "measures", _("Measures taken"), FieldType.MULTI_CHOICE, choices=RESULT_MEASURES
            ),
        ),
        reply_only=True,
    ),
    CommunicationKind(
        key="inquiry",
        label=_("Inquiry"),
        clause="6.4, 7.6",
        needs_answer=True,
        answer_kinds=("inquiry_answer",),
        default_answer_days=10,
    ),
    CommunicationKind(
        key="inquiry_answer",
        label=_("Answer to an inquiry"),
        clause="6.4, 7.6",
        reply_only=True,
    ),
    CommunicationKind(
        key="exam_cooperation_request",
        label=_("Cooperation request on exams and tests"),
        clause="5",
        fields=(
            PayloadField("topics", _("Topics"), FieldType.MULTI_CHOICE, choices=COOPERATION_TOPICS),
            _other_text(_("Other topic"), "topics"),
        ),
        needs_answer=True,
        answer_kinds=("exam_cooperation_answer",),
        default_answer_days=20,
    ),
    CommunicationKind(
        key="exam_cooperation_answer",
        label=_("Answer to a cooperation request on exams and tests"),
        clause="5",
        reply_only=True,
    ),
    CommunicationKind(
        key="exam_fraud_report",
        label=_("Report of exam fraud"),
        clause="5",
        fields=(
            PayloadField("exam", _("Exam or test"), max_length=300),
            PayloadField(
                "fraud_types",
                _("Kind of fraud"),
                FieldType.MULTI_CHOICE,
                choices=EXAM_FRAUD_TYPES,
                required=True,
            ),
            _other_text(_("Other kind of fraud"), "fraud_types"),
        ),
    ),
    CommunicationKind(
        key="support_org_list_share",
        label=_("List of registered support organizations"),
        clause="6.3, 7.5",
        fields=(
            PayloadField("file_name", _("File"), max_length=255),
            PayloadField("file_sha256", _("SHA-256 of the file"), max_length=64),
            PayloadField("organizations", _("Organizations on the list"), max_length=16),
            PayloadField("added", _("Organizations added"), max_length=16),
            PayloadField("removed", _("Organizations removed"), max_length=16),
            PayloadField("changed", _("Organizations changed"), max_length=16),
        ),
    ),
    CommunicationKind(key="general_notice", label=_("General notice"), clause="2"),
    # Register notices: sent by the registers' services with the change they carry.
    CommunicationKind(
        key="sending_org_approval_notice",
        label=_("Notice of approval of a sending organization"),
        clause="7.2, 6.1",
        managed=True,
        fields=_sending_org_fields(reason_required=False),
    ),
    CommunicationKind(
        key="sending_org_suspension_notice",
        label=_("Notice of suspension of a sending organization"),
        clause="7.4",
        managed=True,
        fields=_sending_org_fields(reason_required=True),
    ),
    CommunicationKind(
        key="sending_org_revocation_notice",
        label=_("Notice of revocation of the approval of a sending organization"),
        clause="7.4, 6.2",
        managed=True,
        fields=_sending_org_fields(reason_required=True),
    ),
    CommunicationKind(
        key="sending_org_expiry_notice",
        label=_("Notice of expiry of the approval of a sending organization"),
        clause="7.4",
        managed=True,
        fields=_sending_org_fields(reason_required=False),
    ),
    CommunicationKind(
        key="improvement_order_notice",
        label=_("Notice of an improvement order to an accepting organization"),
        clause="6.3, 7.5",
        managed=True,
        fields=(
            PayloadField(
                "organization", _("Accepting organization"), required=True, max_length=300
            ),
            PayloadField("address", _("Address"), required=True, max_length=500),
            PayloadField("representative", _("Representative"), required=True, max_length=300),
            PayloadField("order_date", _("Date of the order"), required=True, max_length=10),
            PayloadField("legal_basis", _("Legal basis"), required=True, max_length=500),
            PayloadField("measures", _("Measures ordered"), required=True, max_length=5000),
            PayloadField("improvement_deadline", _("Deadline for improvement"), max_length=10),
        ),
    ),
    # Clauses 8, 9 and 10: sent by the suspensions and lifecycle services, which keep the
    # records (suspension, amendment and its consents, notice of termination) they belong to.
    CommunicationKind(
        key="suspension_notice",
        label=_("Notice of a temporary suspension of acceptance"),
        clause="8",
        fields=(
            PayloadField("field", _("SSW field"), required=True, max_length=64),
            PayloadField("starts_on", _("Suspended from"), required=True, max_length=10),
            PayloadField("legal_basis", _("Legal basis"), required=True, max_length=2000),
            PayloadField("scope", _("Scope"), required=True, max_length=2000),
        ),
        managed=True,
    ),
    CommunicationKind(
        key="return_assistance_request",
        label=_("Request for assistance with a return"),
        clause="8",
        fields=(PayloadField("assistance", _("Assistance requested"), required=True),),
        managed=True,
    ),
    CommunicationKind(
        key="amendment_proposal",
        label=_("Proposal to revise the memorandum"),
        clause="9",
        fields=(
            PayloadField("clauses", _("Clauses concerned"), max_length=300),
            PayloadField("new_text", _("Proposed text"), required=True, max_length=100_000),
        ),
        answer_kinds=("amendment_consent",),
        managed=True,
    ),
    CommunicationKind(
        key="amendment_consent",
        label=_("Written consent to a revision of the memorandum"),
        clause="9",
        reply_only=True,
        managed=True,
    ),
    CommunicationKind(
        key="termination_notice",
        label=_("Notice of the intention to terminate the memorandum"),
        clause="10",
        managed=True,
    ),
    CommunicationKind(
        key="termination_withdrawal_request",
        label=_("Request to withdraw a notice of termination"),
        clause="10",
        answer_kinds=("termination_withdrawal_consent",),
        managed=True,
    ),
    CommunicationKind(
        key="termination_withdrawal_consent",
        label=_("Written consent to withdraw a notice of termination"),
        clause="10",
        reply_only=True,
        managed=True,
    ),  # Clause 3: sent by the disclosure service, which keeps the request and the consent.
    CommunicationKind(
        key="disclosure_request",
        label=_("Request for consent to disclose to a third party"),
        clause="3",
        fields=(
            PayloadField("reference", _("Reference"), required=True, max_length=32),
            PayloadField("third_party", _("Third party"), required=True, max_length=400),
            PayloadField("purpose", _("Purpose"), required=True, max_length=5000),
            PayloadField("items", _("Items and fields"), required=True, max_length=20_000),
        ),
        needs_answer=True,
        answer_kinds=("disclosure_answer",),
        default_answer_days=10,
        default_marking=Marking.SIDE,
        managed=True,
    ),
    CommunicationKind(
        key="disclosure_answer",
        label=_("Answer to a request for consent to disclose"),
        clause="3",
        fields=(
            PayloadField(
                "decision",
                _("Decision"),
                FieldType.CHOICE,
                choices=(("granted", _("Granted")), ("refused", _("Refused"))),
                required=True,
            ),
            PayloadField("consent_reference", _("Consent reference"), max_length=32),
            PayloadField("conditions", _("Conditions"), max_length=5000),
            PayloadField("expires_on", _("Valid until"), max_length=10),
            PayloadField("reasons", _("Reasons for refusal"), max_length=5000),
        ),
        default_marking=Marking.SIDE,
        reply_only=True,
        managed=True,
    ),
)

KINDS: dict[str, CommunicationKind] = {kind.key: kind for kind in KINDS_LIST}


def get_kind(key: str) -> CommunicationKind:
    """The kind with this key; ValidationError when there is none."""
    try:
        return KINDS[key]
    except KeyError:
        message = str(_("Unknown kind of communication."))
        raise ValidationError({"kind": [message]}) from None


def composable_kinds() -> list[CommunicationKind]:
    """Kinds that can start a conversation (not only answer one)."""
    return [kind for kind in KINDS_LIST if not kind.reply_only and not kind.managed]


def answerable_keys() -> list[str]:
    return [kind.key for kind in KINDS_LIST if kind.needs_answer]


def _check_registry() -> None:
    for kind in KINDS_LIST:
        for answer in kind.answer_kinds:
            assert answer in KINDS, f"{kind.key} is answered by unknown kind {answer}"
        assert kind.default_marking != Marking.PUBLIC, "nothing in the exchange is public"


_check_registry()
