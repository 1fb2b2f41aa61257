"""What the index holds (`Entry`), what it is asked (`Query`) and what it answers (`Candidate`).

Plain data, no database: the batch command fills entries from a CSV file, `sources` from
the registers. An entry is keyed "source:id" (intermediary:5f0c…, watchlist:17).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sswbridge.screening.explain import Explanation

PERSON = "person"
ORGANIZATION = "organization"
KINDS = (PERSON, ORGANIZATION)

# Identifier types a query may carry; registration and tax numbers compare with each other.
REGISTRATION_NUMBER = "registration_number"
TAX_NUMBER = "tax_number"
PHONE = "phone"
EMAIL = "email"


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # "source:id"
    names: tuple[str, ...]
    kind: str = ""  # PERSON, ORGANIZATION or "" when unknown
    country: str = ""  # ISO 3166-1 alpha-2
    birth_date: str = ""  # ISO 8601 date, people only
    identifiers: tuple[tuple[str, str], ...] = ()  # (type, value)
    status: str = ""  # e.g. a sending organization's status
    flags: tuple[str, ...] = ()  # e.g. ("revoked",)
    framework: str = ""  # framework code, for callers that group or filter
    marking: str = ""

    @property
    def source(self) -> str:
        return self.id.partition(":")[0]

    @property
    def object_id(self) -> str:
        return self.id.partition(":")[2]

    @property
    def label(self) -> str:
        return self.names[0] if self.names else self.id


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    kind: str = ""
    country: str = ""
    birth_date: str = ""
    identifiers: tuple[tuple[str, str], ...] = ()
    id: str = ""

    @classmethod
    def of(
        cls,
        name: str,
        *,
        kind: str = "",
        country: str = "",
        birth_date: str = "",
        registration_number: str = "",
        phone: str = "",
        id: str = "",
    ) -> Query:
        identifiers = tuple(
            (type_, value)
            for type_, value in ((REGISTRATION_NUMBER, registration_number), (PHONE, phone))
            if value
        )
        return cls(
            name=name,
            kind=kind,
            country=country.strip().upper(),
            birth_date=birth_date,
            identifiers=identifiers,
            id=id,
        )


@dataclass(slots=True)
class Candidate:
    entry: Entry
    score: float
    name_score: float
    matched_name: str  # the entry's name that matched best
    identifiers: tuple[str, ...] = ()  # identifier types that matched
    adjustments: tuple[tuple[str, float], ...] = ()  # (reason, change) for country, birth date
    explanation: Explanation | None = None
    partial: bool = False  # a partial name: a surname alone, one word of a person's name

    @property
    def probability(self) -> float:
        """The calibrated probability that this candidate is the same party."""
        from sswbridge.screening.calibration import probability

        return probability(self.score)

    @property
    def band(self) -> str:
        """strong, possible or weak (`calibration.band`)."""
        from sswbridge.screening.calibration import band

        return band(self.score, partial=self.partial)
