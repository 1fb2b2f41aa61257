from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "sswbridge.support"
    label = "support"
    verbose_name = _("Registered support organizations")

    def ready(self) -> None:
        from sswbridge.support import federation as register_notices
        from sswbridge.support import kinds, public

        kinds.register()
        register_notices.register()
        public.register()
