"""The exchange's wire shapes, one module per concept; the API and the other apps import them
from here (`from sswbridge.exchange.schemas import CommunicationOut`)."""

from sswbridge.exchange.schemas.communications import (
    AnswerIn,
    AttachmentOut,
    BoxFilterIn,
    CommunicationIn,
    CommunicationOut,
    CommunicationPageOut,
    CorrectionIn,
    IntermediaryRefOut,
    KindChoiceOut,
    KindFieldOut,
    KindOut,
    MarkingIn,
    communication_out,
)
from sswbridge.exchange.schemas.confidentiality import (
    ReleaseDecisionIn,
    ReleaseRequestIn,
    ReleaseRequestOut,
    RetractIn,
)
from sswbridge.exchange.schemas.mentions import (
    IdentifierTypeIn,
    IntermediaryIdentifierIn,
    IntermediaryNameIn,
    IntermediaryNameOut,
    KindIn,
    NewIntermediaryIn,
    ScriptIn,
)
from sswbridge.exchange.schemas.metrics import AnswerPeriodIn, AnswerPeriodOut, KindMetricsOut
from sswbridge.exchange.schemas.notifications import (
    MarkedReadOut,
    NotificationOut,
    NotificationPageOut,
    NotificationPreferenceSchema,
)
from sswbridge.exchange.schemas.receipts import ReceiptOut

__all__ = [
    "AnswerIn",
    "AnswerPeriodIn",
    "AnswerPeriodOut",
    "AttachmentOut",
    "BoxFilterIn",
    "CommunicationIn",
    "CommunicationOut",
    "CommunicationPageOut",
    "CorrectionIn",
    "IdentifierTypeIn",
    "IntermediaryIdentifierIn",
    "IntermediaryNameIn",
    "IntermediaryNameOut",
    "IntermediaryRefOut",
    "KindChoiceOut",
    "KindFieldOut",
    "KindIn",
    "KindMetricsOut",
    "KindOut",
    "MarkedReadOut",
    "MarkingIn",
    "NewIntermediaryIn",
    "NotificationOut",
    "NotificationPageOut",
    "NotificationPreferenceSchema",
    "ReceiptOut",
    "ReleaseDecisionIn",
    "ReleaseRequestIn",
    "ReleaseRequestOut",
    "RetractIn",
    "ScriptIn",
    "communication_out",
]
