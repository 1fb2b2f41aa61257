from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuspensionsConfig(AppConfig):
    name = "sswbridge.suspensions"
    label = "suspensions"
    verbose_name = _("Suspension of acceptance and return assistance")

    def ready(self) -> None:
        from sswbridge.audit import feed
        from sswbridge.suspensions import erasure, kinds
        from sswbridge.suspensions.models import Suspension

        kinds.register()
        feed.register("suspensions.suspension", "suspension", visible=feed.scoped(Suspension))
        erasure.register()
        from sswbridge.publication.sections import Section, register_section
        from sswbridge.suspensions.selectors import public_suspensions_last_changed

        # The portal's home dates its suspensions with its registers.
        register_section(
            Section(
                key="suspensions",
                order=90,
                last_changed=lambda portal: public_suspensions_last_changed(portal=portal),
            )
        )
