"""`sswbridge demo`: load the demo data set (idempotent) and print the demo accounts.

`serve --demo` calls it by name and prints the table it returns."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sswbridge.core.startup import refuse_unapplied_migrations
from sswbridge.demo.loader import accounts_table, load_demo


class Command(BaseCommand):
    help = "Load the demo data set (a second time changes nothing) and print the demo accounts."

    def handle(self, *args: Any, **options: Any) -> str:
        """The accounts table, which Django writes to stdout (and `call_command` returns)."""
        refuse_unapplied_migrations()
        return accounts_table(load_demo())
