"""API schemas of the sending-organization register and the investigations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic.config import JsonDict

from sswbridge.exchange.schemas import ReceiptOut

StatusIn = Literal["approved", "suspended", "revoked", "expired"]
DecisionIn_ = Literal["approve", "refuse"]
LegalFormIn = Annotated[
    str,
    Field(max_length=16, description="a code of the framework's legal forms, or empty"),
]
DEPRECATED: JsonDict = {"deprecated": True}
ActionKindIn = Literal["finding", "guidance", "supervision"]
MeasureIn = Literal[
    "no_impropriety",
    "guidance",
    "improvement_instruction",
    "approval_suspended",
    "approval_revoked",
]


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class OrganizationNameIn(Schema):
    value: str = Field(..., max_length=300)
    script: str = Field("", max_length=4, description="ISO 15924; guessed when empty")
    language: str = Field("", max_length=16, description="BCP 47, e.g. ky, ru")


class OrganizationNameOut(Schema):
    value: str
    script: str
    language: str


def _deprecated_name(language: str, default: Any) -> Any:
    return Field(
        default,
        max_length=300,
        description=f"Deprecated: sets the first name of language {language} in `names`",
        json_schema_extra=DEPRECATED,
    )


class SendingOrganizationFields(Schema):
    name_en: str = Field(..., max_length=300)
    names: list[OrganizationNameIn] | None = Field(
        None, max_length=20, description="its names in other languages and scripts"
    )
    name_ky: str | None = _deprecated_name("ky", None)
    name_ru: str | None = _deprecated_name("ru", None)
    legal_form: LegalFormIn = ""
    registration_number: str = Field(..., max_length=64)
    tax_number: str = Field("", max_length=64)
    address: str = Field("", max_length=500)
    representatives: str = Field("", max_length=2000, description="one a line")
    phone: str = Field("", max_length=64)
    email: str = Field("", max_length=200)
    website: str = Field("", max_length=200)
    permit_number: str = Field("", max_length=64)
    permit_valid_from: dt.date | None = None
    permit_valid_until: dt.date | None = None
    ssw_fields: list[str] = Field(default_factory=list, max_length=50, description="field codes")


class SendingOrganizationIn(SendingOrganizationFields):
    framework: str = Field(..., max_length=32, description="Framework code, e.g. jp-kg")


class SendingOrganizationPatch(Schema):
    name_en: str | None = Field(None, max_length=300)
    names: list[OrganizationNameIn] | None = Field(None, max_length=20)
    name_ky: str | None = _deprecated_name("ky", None)
    name_ru: str | None = _deprecated_name("ru", None)
    legal_form: LegalFormIn | None = None
    registration_number: str | None = Field(None, max_length=64)
    tax_number: str | None = Field(None, max_length=64)
    address: str | None = Field(None, max_length=500)
    representatives: str | None = Field(None, max_length=2000)
    phone: str | None = Field(None, max_length=64)
    email: str | None = Field(None, max_length=200)
    website: str | None = Field(None, max_length=200)
    permit_number: str | None = Field(None, max_length=64)
    permit_valid_from: dt.date | None = None
    permit_valid_until: dt.date | None = None
    ssw_fields: list[str] | None = Field(None, max_length=50)


class SendingOrganizationOut(Schema):
    id: UUID
    framework: str
    name_en: str
    names: list[OrganizationNameOut]
    name_ru: str = Field(
        ...,
        description="Deprecated: the first Russian name of `names`",
        json_schema_extra=DEPRECATED,
    )
    name_ky: str = Field(
        ...,
        description="Deprecated: the first Kyrgyz name of `names`",
        json_schema_extra=DEPRECATED,
    )
    legal_form: str
    registration_number: str
    tax_number: str
    address: str
    representatives: str
    phone: str
    email: str
    website: str
    permit_number: str
    permit_valid_from: dt.date | None
    permit_valid_until: dt.date | None
    ssw_fields: list[str]
    status: str
    marking: str
    decision: str
    decision_reasons: str
    decided_at: dt.datetime | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_ssw_fields(obj: Any) -> list[str]:
        return [f.code for f in obj.ssw_fields.all()]

    @staticmethod
    def resolve_names(obj: Any) -> list[Any]:
        return list(obj.names.all())


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    effective_date: dt.date
    reason: str
    at: dt.datetime
    actor: str | None
    notice: ReceiptOut | None

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return _username(obj.actor)


class SendingOrganizationDetailOut(SendingOrganizationOut):
    history: list[StatusChangeOut]


class SendingOrganizationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[SendingOrganizationOut]


class SendingOrganizationFilterIn(Schema):
    q: str = Field("", max_length=200, description="a name in any language, or a number")
    status: str = Field("", max_length=16)
    framework: str = Field("", max_length=32)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class ExaminationRowOut(Schema):
    criterion: UUID
    code: str
    text: str
    met: bool | None
    evidence: str
    examiner: str | None
    examined_at: dt.datetime | None


class ExaminationIn(Schema):
    criterion: UUID
    met: bool
    evidence: str = Field("", max_length=10_000)


class DecisionIn(Schema):
    decision: DecisionIn_
    reasons: str = Field("", max_length=10_000)


class SendingOrganizationStatusIn(Schema):
    status: StatusIn
    reason: str = Field("", max_length=10_000)
    effective_date: dt.date | None = None


class CriterionIn(Schema):
    code: str = Field(..., max_length=64, pattern=r"^[-a-zA-Z0-9_]+$")
    text: str = Field(..., max_length=500)
    guidance: str = Field("", max_length=10_000)
    sort_order: int = Field(0, ge=0, le=100_000)
    active: bool = True


class CriterionOut(Schema):
    id: UUID
    framework: str
    code: str
    text: str
    guidance: str
    sort_order: int
    active: bool

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)


class InvestigationOpenIn(Schema):
    notice: UUID = Field(..., description="id of the notice of improper activity")
    organization: UUID


class InvestigationActionIn(Schema):
    kind: ActionKindIn
    text: str = Field(..., max_length=10_000)
    date: dt.date | None = None


class InvestigationActionOut(Schema):
    kind: str
    date: dt.date
    text: str
    recorded_by: str | None

    @staticmethod
    def resolve_recorded_by(obj: Any) -> str | None:
        return _username(obj.recorded_by)


class InvestigationOut(Schema):
    id: UUID
    framework: str
    organization: UUID
    notice: UUID
    case: UUID | None
    report: UUID | None
    reported_at: dt.datetime | None
    actions: list[InvestigationActionOut]

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_organization(obj: Any) -> UUID:
        return obj.organization_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_notice(obj: Any) -> UUID:
        return obj.notice_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_case(obj: Any) -> UUID | None:
        return obj.case_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_report(obj: Any) -> UUID | None:
        return obj.report_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_actions(obj: Any) -> list[Any]:
        return list(obj.actions.all())


class ReportIn(Schema):
    subject: str = Field(..., max_length=300)
    body: str = Field("", max_length=50_000)
    measures: list[MeasureIn] = Field(default_factory=list, max_length=10)
