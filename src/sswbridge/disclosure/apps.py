from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "sswbridge.disclosure"
    label = "disclosure"
    verbose_name = _("Disclosure to third parties under written consent")

    def ready(self) -> None:
        from sswbridge.disclosure import federation, kinds

        kinds.register()
        federation.register()
