from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SendingConfig(AppConfig):
    """Sending organizations of the partner side: application, examination, decision, status
    (7.1, 7.2, 7.4), and the investigations after a notice of improper activity (7.3)."""

    name = "sswbridge.sending"
    label = "sending"
    verbose_name = _("Sending organizations")

    def ready(self) -> None:
        from sswbridge.audit import feed
        from sswbridge.sending import erasure, kinds, public
        from sswbridge.sending import federation as register_notices
        from sswbridge.sending.models import SendingOrganization

        kinds.register()
        feed.register(
            "sending.sendingorganization",
            "sending_organization",
            visible=feed.scoped(SendingOrganization),
        )
        register_notices.register()
        erasure.register()
        public.register()
