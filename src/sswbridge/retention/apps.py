from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "sswbridge.retention"
    label = "retention"
    verbose_name = _("Retention of personal data")

    def ready(self) -> None:
        from sswbridge.core import jobs
        from sswbridge.retention import jobs as retention_jobs
        from sswbridge.retention import public
        from sswbridge.retention.catalogue import register_with_audit

        register_with_audit()
        public.connect()
        jobs.register_schedule("retention run", retention_jobs.schedule)
