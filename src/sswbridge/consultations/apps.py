from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "sswbridge.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from sswbridge.audit import feed
        from sswbridge.consultations import federation
        from sswbridge.consultations.models import ActionItem, Consultation

        feed.register(
            "consultations.consultation", "consultation", visible=feed.scoped(Consultation)
        )
        feed.register(
            "consultations.actionitem",
            "action_item",
            visible=lambda user, ids: ActionItem.objects.filter(
                pk__in=ids, consultation__in=Consultation.objects.visible_to(user)
            ).values_list("pk", flat=True),
        )
        federation.register()
