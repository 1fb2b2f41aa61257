from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkqueueConfig(AppConfig):
    """The signed-in home page: a dashboard per role, to become the officers' work queue."""

    name = "sswbridge.workqueue"
    label = "workqueue"
    verbose_name = _("Work queue")
