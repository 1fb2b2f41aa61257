from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "sswbridge.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from sswbridge.consultations import federation

        federation.register()
