from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntermediariesConfig(AppConfig):
    """The intermediaries register (clause 4.1), with the resolution of duplicate records."""

    name = "sswbridge.intermediaries"
    label = "intermediaries"
    verbose_name = _("Intermediaries")

    def ready(self) -> None:
        from sswbridge.exchange.hooks import register_mentions
        from sswbridge.intermediaries import kinds, mentions

        kinds.register()
        register_mentions(mentions.MENTIONS)
