"""Support's kind of communication: the shared list of registered support organizations
(clauses 6.3, 7.5). Registered from `SupportConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sswbridge.exchange.kinds import CommunicationKind, PayloadField, register_kind

SUPPORT_ORG_LIST_SHARE = CommunicationKind(
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
)


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(SUPPORT_ORG_LIST_SHARE, position=90)
