"""`sswbridge changepassword USERNAME`: replaces Django's command of that name, which would
let the operator type a password for any side's account, unaudited. This prints a one-time
link instead, where the account's owner sets a new password; the entry is filed under the
account's side and names the operating-system user who ran the command."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.accounts import onboarding
from sswbridge.accounts.models import User
from sswbridge.core.operator import os_user


class Command(BaseCommand):
    help = "Print a one-time link where the account's owner sets a new password."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(
                _("No active user named %(name)s.") % {"name": options["username"]}, returncode=1
            )
        self.stdout.write(
            _("One-time link for %(name)s to set a new password:") % {"name": user.username}
        )
        self.stdout.write(onboarding.password_link(user=user, os_user=os_user()))
