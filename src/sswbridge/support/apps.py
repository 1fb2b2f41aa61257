from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "sswbridge.support"
    label = "support"
    verbose_name = _("Registered support organizations")

    def ready(self) -> None:
        from sswbridge.audit import feed
        from sswbridge.support import federation as register_notices
        from sswbridge.support import kinds, public
        from sswbridge.support.models import SupportOrganization

        kinds.register()
        feed.register(
            "support.supportorganization",
            "support_organization",
            visible=feed.scoped(SupportOrganization),
        )
        register_notices.register()
        public.register()
