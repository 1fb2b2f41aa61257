"""The wire shapes of the intermediaries a communication names (clause 4.1): what the
compose API takes (`NewIntermediaryIn`) and what a communication shows (`IntermediaryNameOut`).
They are the exchange's contract; the register that keeps the intermediaries (registered
through exchange/hooks.py) takes and gives these same shapes in its own API."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

KindIn = Literal["individual", "corporation"]
ScriptIn = Literal["Cyrl", "Latn", "Jpan", "Zyyy"]
IdentifierTypeIn = Literal[
    "registration_number", "tax_number", "phone", "email", "website", "address"
]


class IntermediaryNameIn(Schema):
    value: str = Field(..., max_length=300)
    script: ScriptIn
    language: str = Field("", max_length=16, description="BCP 47 tag, e.g. ky, ru, ja")


class IntermediaryIdentifierIn(Schema):
    type: IdentifierTypeIn
    value: str = Field(..., max_length=500)
    country: str = Field("", max_length=2)


class NewIntermediaryIn(Schema):
    """An intermediary described in a share; created with the share's framework and marking."""

    kind: KindIn
    country: str = Field(..., max_length=2, description="ISO 3166-1 alpha-2")
    names: list[IntermediaryNameIn] = Field(..., min_length=1, max_length=50)
    identifiers: list[IntermediaryIdentifierIn] = Field(default_factory=list, max_length=100)
    notes: str = Field("", max_length=10_000)


class IntermediaryNameOut(Schema):
    value: str
    script: str
    language: str
