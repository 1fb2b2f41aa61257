from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "sswbridge.api"
    label = "api"
    verbose_name = _("Api")

    def ready(self) -> None:
        from sswbridge.api import jobs as api_jobs
        from sswbridge.api.api import api
        from sswbridge.core import jobs
        from sswbridge.security import input as request_input

        request_input.answer_api_errors_with(api.on_exception)
        jobs.register_schedule("idempotency key purge", api_jobs.schedule)
