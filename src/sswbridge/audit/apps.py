from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "sswbridge.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from sswbridge.audit import checks  # noqa: F401 - registers the deploy checks
        from sswbridge.audit import jobs as audit_jobs
        from sswbridge.core import jobs

        jobs.register_schedule("audit checkpoint", audit_jobs.schedule)
