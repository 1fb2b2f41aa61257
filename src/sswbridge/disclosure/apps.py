from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "sswbridge.disclosure"
    label = "disclosure"
    verbose_name = _("Disclosure to third parties under written consent")

    def ready(self) -> None:
        from sswbridge.audit import feed
        from sswbridge.disclosure import federation, kinds, sidemove
        from sswbridge.disclosure.models import Disclosure, DisclosureRequest

        kinds.register()
        sidemove.register()
        federation.register()
        feed.register(
            "disclosure.disclosurerequest",
            "disclosure_request",
            visible=feed.scoped(DisclosureRequest),
        )
        feed.register("disclosure.disclosure", "disclosure", visible=feed.scoped(Disclosure))
