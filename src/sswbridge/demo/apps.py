from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data set and `sswbridge demo`. It composes every app's own `demo.py`, so it
    is the one app that may import them all, and none imports it."""

    name = "sswbridge.demo"
    label = "demo"
    verbose_name = _("Demo data")
