"""The exchange's models, one module per concept; Django and the other apps import them from
here (`from sswbridge.exchange.models import Communication`)."""

from sswbridge.exchange.models.attachments import (
    Attachment,
    AttachmentDownload,
    AttachmentQuerySet,
    attachment_path,
)
from sswbridge.exchange.models.communications import (
    CURRENT,
    VISIBILITY_COLUMNS,
    Communication,
    CommunicationQuerySet,
    CommunicationStatus,
)
from sswbridge.exchange.models.kind_settings import FrameworkKindSetting
from sswbridge.exchange.models.notifications import (
    Notification,
    NotificationEvent,
    NotificationPreference,
    ReminderSent,
)
from sswbridge.exchange.models.releases import ReleaseRequest, ReleaseStatus

__all__ = [
    "CURRENT",
    "VISIBILITY_COLUMNS",
    "Attachment",
    "AttachmentDownload",
    "AttachmentQuerySet",
    "Communication",
    "CommunicationQuerySet",
    "CommunicationStatus",
    "FrameworkKindSetting",
    "Notification",
    "NotificationEvent",
    "NotificationPreference",
    "ReleaseRequest",
    "ReleaseStatus",
    "ReminderSent",
    "attachment_path",
]
