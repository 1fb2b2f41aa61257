from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "sswbridge.exchange"
    label = "exchange"
    verbose_name = _("Information exchange")

    def ready(self) -> None:
        from sswbridge.exchange import checks, general_kinds

        general_kinds.register()
        checks.connect()
