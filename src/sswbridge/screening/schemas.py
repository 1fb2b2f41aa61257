"""Schemas of the screening API."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from sswbridge.screening.settings import DEFAULT_LIMIT, DEFAULT_THRESHOLD


class ScreenIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    kind: str = Field("", pattern=r"^(|person|organization)$")
    country: str = Field("", pattern=r"^([A-Za-z]{2})?$")
    birth_date: dt.date | None = None
    registration_number: str = Field("", max_length=64)
    phone: str = Field("", max_length=64)
    threshold: float = Field(DEFAULT_THRESHOLD, ge=0.0, le=1.0)
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=100)


class CandidateOut(Schema):
    id: str
    source: str
    name: str
    names: list[str]
    score: float
    probability: float  # calibrated: the share of true matches among candidates scored so
    band: str  # strong, possible, weak
    band_label: str
    partial: bool  # a partial name (a surname alone)
    flags: list[str]
    revoked: bool
    explanation: dict[str, Any]
    sentences: list[str]


class BatchOut(Schema):
    id: UUID
    file_name: str
    watchlist_name: str
    threshold: float
    limit: int
    status: str
    queries_total: int
    queries_done: int
    results_count: int
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


class HitOut(Schema):
    id: UUID
    framework: str
    subject: str
    subject_name: str
    communication_id: UUID | None
    candidate: str
    candidate_name: str
    score: float
    explanation: dict[str, Any]
    flags: list[str]
    status: str
    reason: str
    decided_by: str | None
    decided_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_subject(obj: Any) -> str:
        return str(obj.subject_key)

    @staticmethod
    def resolve_candidate(obj: Any) -> str:
        return str(obj.candidate_key)

    @staticmethod
    def resolve_decided_by(obj: Any) -> str | None:
        return obj.decided_by.username if obj.decided_by_id else None


class HitsIn(Schema):
    status: str = Field("open", pattern=r"^(open|match|not_match|)$")
    record: str = Field("", max_length=100)  # "source:id": the hits of one record


class HitDecisionIn(Schema):
    status: str = Field(..., pattern=r"^(match|not_match)$")
    reason: str = Field("", max_length=1000)
