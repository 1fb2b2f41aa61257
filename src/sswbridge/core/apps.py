from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sswbridge.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from sswbridge.core import archive

        archive.connect()
