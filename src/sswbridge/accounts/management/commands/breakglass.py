"""`sswbridge breakglass --framework F --side S --username U [--email E --agency CODE]`: the
way back in when a side's last administrator is locked out, on a node that hosts the side.

Makes U an active, unlocked administrator of the side (creating the account when --email is
given and it does not exist), removes its password and second-factor devices, and prints a
one-time link to set both again. Audited under the side, naming the operating-system user."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.accounts import onboarding
from sswbridge.accounts.management.cli import add_account_arguments, print_link
from sswbridge.core.operator import os_user


class Command(BaseCommand):
    help = "Restore a side's administrator access on its own node: prints a one-time link."

    def add_arguments(self, parser: CommandParser) -> None:
        add_account_arguments(parser, email_required=False)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            issued = onboarding.break_glass(
                framework_code=options["framework"],
                side_code=options["side"],
                username=options["username"],
                email=options["email"],
                agency_code=options["agency"],
                os_user=os_user(),
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=1) from None
        if not issued.created:
            self.stdout.write(
                _("Password and second factor removed; the account is active and unlocked.")
            )
        print_link(self, issued)
