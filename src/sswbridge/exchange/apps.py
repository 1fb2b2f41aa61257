from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "sswbridge.exchange"
    label = "exchange"
    verbose_name = _("Information exchange")

    def ready(self) -> None:
        from sswbridge.core import jobs
        from sswbridge.exchange import checks, feed, general_kinds, notify, sidemove
        from sswbridge.exchange import federation as exchange_federation

        general_kinds.register()
        checks.connect()
        exchange_federation.register()
        feed.register()
        sidemove.register()
        jobs.register_schedule("reminder sweep", notify.schedule_sweep)
