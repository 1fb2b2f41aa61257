from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "sswbridge.federation"
    label = "federation"
    verbose_name = _("Federation")

    def ready(self) -> None:
        from sswbridge.core import jobs
        from sswbridge.federation import jobs as federation_jobs

        jobs.register_schedule("federation delivery", federation_jobs.schedule)

        from sswbridge.audit import peers
        from sswbridge.federation.anchors import crosscheck

        peers.register(crosscheck.check_all)
