"""`sswbridge demo`: load the demo data set (idempotent) and print the demo accounts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sswbridge.core.demo import accounts_table, load_demo
from sswbridge.core.startup import refuse_unapplied_migrations


class Command(BaseCommand):
    help = "Load the demo data set (a second time changes nothing) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_unapplied_migrations()
        accounts = load_demo()
        self.stdout.write(accounts_table(accounts))
