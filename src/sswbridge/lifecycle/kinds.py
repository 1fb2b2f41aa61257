"""Lifecycle's kinds of communication (clauses 9 and 10): sent only by the lifecycle service,
which keeps the amendment, its consents and the notice of termination they belong to.
Registered from `LifecycleConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sswbridge.exchange.kinds import CommunicationKind, PayloadField, register_kind

AMENDMENT_PROPOSAL = CommunicationKind(
    key="amendment_proposal",
    label=_("Proposal to revise the memorandum"),
    clause="9",
    fields=(
        PayloadField("clauses", _("Clauses concerned"), max_length=300),
        PayloadField("new_text", _("Proposed text"), required=True, max_length=100_000),
    ),
    answer_kinds=("amendment_consent",),
    managed=True,
)

AMENDMENT_CONSENT = CommunicationKind(
    key="amendment_consent",
    label=_("Written consent to a revision of the memorandum"),
    clause="9",
    reply_only=True,
    managed=True,
)

TERMINATION_NOTICE = CommunicationKind(
    key="termination_notice",
    label=_("Notice of the intention to terminate the memorandum"),
    clause="10",
    managed=True,
)

TERMINATION_WITHDRAWAL_REQUEST = CommunicationKind(
    key="termination_withdrawal_request",
    label=_("Request to withdraw a notice of termination"),
    clause="10",
    answer_kinds=("termination_withdrawal_consent",),
    managed=True,
)

TERMINATION_WITHDRAWAL_CONSENT = CommunicationKind(
    key="termination_withdrawal_consent",
    label=_("Written consent to withdraw a notice of termination"),
    clause="10",
    reply_only=True,
    managed=True,
)


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(AMENDMENT_PROPOSAL, position=180)
    register_kind(AMENDMENT_CONSENT, position=190)
    register_kind(TERMINATION_NOTICE, position=200)
    register_kind(TERMINATION_WITHDRAWAL_REQUEST, position=210)
    register_kind(TERMINATION_WITHDRAWAL_CONSENT, position=220)
