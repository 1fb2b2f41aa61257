"""Disclosure's kinds of communication (clause 3): sent only by the disclosure service, which
keeps the request and the consent. Registered from `DisclosureConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sswbridge.core.models import Marking
from sswbridge.exchange.kinds import CommunicationKind, FieldType, PayloadField, register_kind

DISCLOSURE_REQUEST = CommunicationKind(
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
)

DISCLOSURE_ANSWER = CommunicationKind(
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
)


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(DISCLOSURE_REQUEST, position=230)
    register_kind(DISCLOSURE_ANSWER, position=240)
