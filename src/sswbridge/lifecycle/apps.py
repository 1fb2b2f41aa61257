from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "sswbridge.lifecycle"
    label = "lifecycle"
    verbose_name = _("Review, revision, commencement and termination")

    def ready(self) -> None:
        from sswbridge.audit import feed
        from sswbridge.lifecycle import federation, kinds
        from sswbridge.lifecycle.models import Amendment, TerminationNotice

        kinds.register()
        federation.register()
        feed.register("lifecycle.amendment", "amendment", visible=feed.scoped(Amendment))
        feed.register(
            "lifecycle.terminationnotice",
            "termination_notice",
            visible=feed.scoped(TerminationNotice),
        )
