from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuspensionsConfig(AppConfig):
    name = "sswbridge.suspensions"
    label = "suspensions"
    verbose_name = _("Suspension of acceptance and return assistance")

    def ready(self) -> None:
        from sswbridge.suspensions import erasure, kinds

        kinds.register()
        erasure.register()
