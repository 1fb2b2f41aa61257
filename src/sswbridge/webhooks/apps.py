from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "sswbridge.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from sswbridge.core import jobs
        from sswbridge.webhooks import jobs as webhook_jobs

        jobs.register_schedule("webhook deliveries", webhook_jobs.schedule)
