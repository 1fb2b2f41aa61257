"""Sending organizations with their examination and history (clauses 7.1, 7.2, 7.4), and the
investigations after a notice of improper activity (7.3)."""

from sswbridge.sending.models.investigations import (
    ActionKind,
    Investigation,
    InvestigationAction,
)
from sswbridge.sending.models.organizations import (
    Decision,
    ExaminationCriterion,
    ExaminationResult,
    SendingOrganization,
    SendingOrganizationName,
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
    "SendingOrganization",
    "SendingOrganizationName",
    "SendingOrganizationStatus",
    "StatusChange",
]
