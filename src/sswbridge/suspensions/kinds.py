"""Suspensions' kinds of communication (clause 8): sent only by the suspensions service, which
keeps the record they belong to. Registered from `SuspensionsConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sswbridge.exchange.kinds import CommunicationKind, PayloadField, register_kind

SUSPENSION_NOTICE = CommunicationKind(
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
)

RETURN_ASSISTANCE_REQUEST = CommunicationKind(
    key="return_assistance_request",
    label=_("Request for assistance with a return"),
    clause="8",
    fields=(PayloadField("assistance", _("Assistance requested"), required=True),),
    managed=True,
)


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(SUSPENSION_NOTICE, position=160)
    register_kind(RETURN_ASSISTANCE_REQUEST, position=170)
