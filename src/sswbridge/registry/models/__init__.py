"""The registers: intermediaries reported, their names, identifiers, links and merges."""

from sswbridge.registry.models.intermediaries import (
    IdentifierType,
    Intermediary,
    IntermediaryIdentifier,
    IntermediaryLink,
    IntermediaryMention,
    IntermediaryName,
    IntermediaryStatus,
    LinkRelation,
    PartyKind,
    Script,
)
from sswbridge.registry.models.merges import DuplicateDismissal, IntermediaryMerge

__all__ = [
    "DuplicateDismissal",
    "IdentifierType",
    "Intermediary",
    "IntermediaryIdentifier",
    "IntermediaryLink",
    "IntermediaryMention",
    "IntermediaryMerge",
    "IntermediaryName",
    "IntermediaryStatus",
    "LinkRelation",
    "PartyKind",
    "Script",
]
