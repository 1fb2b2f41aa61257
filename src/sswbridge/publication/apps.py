from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "sswbridge.publication"
    label = "publication"
    verbose_name = _("Publication")

    def ready(self) -> None:
        from sswbridge.publication import warmup

        warmup.connect()
