from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "sswbridge.registry"
    label = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        from sswbridge.registry import kinds

        kinds.register()
