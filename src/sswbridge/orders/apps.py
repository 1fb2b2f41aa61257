from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    """Improvement orders Japan makes to accepting organizations (6.3, 7.5)."""

    name = "sswbridge.orders"
    label = "orders"
    verbose_name = _("Improvement orders")

    def ready(self) -> None:
        from sswbridge.audit import feed
        from sswbridge.orders import erasure, kinds, public
        from sswbridge.orders import federation as register_notices
        from sswbridge.orders.models import ImprovementOrder

        kinds.register()
        feed.register(
            "orders.improvementorder", "improvement_order", visible=feed.scoped(ImprovementOrder)
        )
        register_notices.register()
        erasure.register()
        public.register()
