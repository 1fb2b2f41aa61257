"""Alias, to be removed: registry/ still imports this old path; the shapes live in
exchange/schemas/mentions.py (import them from sswbridge.exchange.schemas)."""

from sswbridge.exchange.schemas.mentions import (
    IdentifierTypeIn,
    IntermediaryIdentifierIn,
    IntermediaryNameIn,
    IntermediaryNameOut,
    KindIn,
    NewIntermediaryIn,
    ScriptIn,
)

__all__ = [
    "IdentifierTypeIn",
    "IntermediaryIdentifierIn",
    "IntermediaryNameIn",
    "IntermediaryNameOut",
    "KindIn",
    "NewIntermediaryIn",
    "ScriptIn",
]
