from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadlogConfig(AppConfig):
    name = "sswbridge.readlog"
    label = "readlog"
    verbose_name = _("Read log")
