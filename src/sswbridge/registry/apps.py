from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """The registers' migration history only (issue 13): the registers were one app, `registry`,
    and are now `intermediaries`, `sending` and `orders`, with publication's models in
    `publication`. Their tables keep the `registry_` names; this app's migrations made them and
    hand them over (state-only migrations 0005-0008), so databases made before the split migrate
    without a row changed. It holds no model, page or route."""

    name = "sswbridge.registry"
    label = "registry"
    verbose_name = _("Registry")
