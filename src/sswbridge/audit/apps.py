from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "sswbridge.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from sswbridge.audit import checks  # noqa: F401 - registers the deploy checks
