"""`sswbridge createsuperuser`: replaced. The bridge has no superuser: every account belongs
to one agency of one side and has one role."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Not used: see `createuser`, `enrol-admin` and `breakglass`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("args", nargs="*")
        parser.add_argument("--noinput", "--no-input", action="store_true")
        parser.add_argument("--username")
        parser.add_argument("--email")

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(
            _(
                "The bridge has no superuser. Create an administrator of one side with "
                "`sswbridge createuser --role administrator` or `sswbridge enrol-admin`; "
                "restore a locked-out side with `sswbridge breakglass`."
            ),
            returncode=2,
        )
