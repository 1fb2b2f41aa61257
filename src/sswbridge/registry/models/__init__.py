"""The registers: sending organizations with their examination and history, investigations."""

from sswbridge.registry.models.investigation import (
    ActionKind,
    Investigation,
    InvestigationAction,
)
from sswbridge.registry.models.sending import (
    Decision,
    ExaminationCriterion,
    ExaminationResult,
    LegalForm,
    SendingOrganization,
    SendingOrganizationStatus,
    StatusChange,
)

__all__ = [
    "ActionKind",
    "Decision",
    "ExaminationCriterion",
    "ExaminationResult",
    "Investigation",
    "InvestigationAction",
    "LegalForm",
    "SendingOrganization",
    "SendingOrganizationStatus",
    "StatusChange",
]
