"""The exchange's own kinds: general notices, inquiries and the exam cooperation of clause 5,
which keep no record in any register. Registered from `ExchangeConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from sswbridge.exchange.kinds import (
    CommunicationKind,
    FieldType,
    PayloadField,
    other_text,
    register_kind,
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

INQUIRY = CommunicationKind(
    key="inquiry",
    label=_("Inquiry"),
    clause="6.4, 7.6",
    needs_answer=True,
    answer_kinds=("inquiry_answer",),
    default_answer_days=10,
)

INQUIRY_ANSWER = CommunicationKind(
    key="inquiry_answer",
    label=_("Answer to an inquiry"),
    clause="6.4, 7.6",
    reply_only=True,
)

EXAM_COOPERATION_REQUEST = CommunicationKind(
    key="exam_cooperation_request",
    label=_("Cooperation request on exams and tests"),
    clause="5",
    fields=(
        PayloadField("topics", _("Topics"), FieldType.MULTI_CHOICE, choices=COOPERATION_TOPICS),
        other_text(_("Other topic"), "topics"),
    ),
    needs_answer=True,
    answer_kinds=("exam_cooperation_answer",),
    default_answer_days=20,
)

EXAM_COOPERATION_ANSWER = CommunicationKind(
    key="exam_cooperation_answer",
    label=_("Answer to a cooperation request on exams and tests"),
    clause="5",
    reply_only=True,
)

EXAM_FRAUD_REPORT = CommunicationKind(
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
        other_text(_("Other kind of fraud"), "fraud_types"),
    ),
)

GENERAL_NOTICE = CommunicationKind(key="general_notice", label=_("General notice"), clause="2")


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(INQUIRY, position=40)
    register_kind(INQUIRY_ANSWER, position=50)
    register_kind(EXAM_COOPERATION_REQUEST, position=60)
    register_kind(EXAM_COOPERATION_ANSWER, position=70)
    register_kind(EXAM_FRAUD_REPORT, position=80)
    register_kind(GENERAL_NOTICE, position=100)
