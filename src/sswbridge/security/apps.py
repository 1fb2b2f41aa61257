from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """`sswbridge migrate` also creates the database cache table (idempotent)."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class SecurityConfig(AppConfig):
    name = "sswbridge.security"
    label = "security"
    verbose_name = _("Security headers and rate limits")

    def ready(self) -> None:
        from sswbridge.security import checks  # noqa: F401 - registers the system checks

        post_migrate.connect(_create_cache_table, sender=self)
