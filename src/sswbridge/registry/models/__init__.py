"""The registers: intermediaries reported, sending organizations with their examination and
history, investigations."""

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
from sswbridge.registry.models.investigation import (
    ActionKind,
    Investigation,
    InvestigationAction,
)
from sswbridge.registry.models.merges import DuplicateDismissal, IntermediaryMerge
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
    "DuplicateDismissal",
    "ExaminationCriterion",
    "ExaminationResult",
    "IdentifierType",
    "Intermediary",
    "IntermediaryIdentifier",
    "IntermediaryLink",
    "IntermediaryMention",
    "IntermediaryMerge",
    "IntermediaryName",
    "IntermediaryStatus",
    "Investigation",
    "InvestigationAction",
    "LegalForm",
    "LinkRelation",
    "PartyKind",
    "Script",
    "SendingOrganization",
    "SendingOrganizationStatus",
    "StatusChange",
]
