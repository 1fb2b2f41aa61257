"""The intermediaries register's kind of communication: the information share on
intermediaries (clause 4.1). Registered from `IntermediariesConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from sswbridge.exchange.kinds import (
    CommunicationKind,
    FieldType,
    PayloadField,
    confidential_fields,
    other_text,
    register_kind,
)

INTERMEDIARY_ACTS: tuple[tuple[str, StrOrPromise], ...] = (
    ("money_or_property", _("a) Managing workers' money or property (deposits)")),
    ("penalty_contract", _("b) Contracts that set penalties")),
    ("human_rights", _("c) Infringing human rights (assault, intimidation, restraint)")),
    ("forged_documents", _("d) Forged or false documents for immigration or visa procedures")),
    ("unexplained_fees", _("e) Fees without a shown calculation basis")),
    ("other", _("Other")),
)


INTERMEDIARY_SHARE = CommunicationKind(
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
        other_text(_("Other act"), "acts"),
        *confidential_fields(),
    ),
)


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(INTERMEDIARY_SHARE, position=10)
