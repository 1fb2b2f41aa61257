"""The intermediaries register (clause 4.1): intermediaries with their names, identifiers,
linked people and mentions; merges of duplicate records and pairs found not to be duplicates."""

from sswbridge.intermediaries.models.intermediaries import (
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
from sswbridge.intermediaries.models.merges import DuplicateDismissal, IntermediaryMerge

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
