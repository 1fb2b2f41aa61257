from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Improvement orders Japan makes to accepting organizations (6.3, 7.5)."""

    name = "sswbridge.orders"
    label = "orders"
    verbose_name = _("Improvement orders")

    def ready(self) -> None:
        from sswbridge.orders import erasure, kinds, public
        from sswbridge.orders import federation as register_notices

        kinds.register()
        register_notices.register()
        erasure.register()
        public.register()
