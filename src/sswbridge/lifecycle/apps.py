from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "sswbridge.lifecycle"
    label = "lifecycle"
    verbose_name = _("Review, revision, commencement and termination")

    def ready(self) -> None:
        from sswbridge.lifecycle import federation, kinds

        kinds.register()
        federation.register()
