"""`sswbridge enrol-admin --framework F --side S --email E [--username U] [--agency CODE]`:
onboarding a side's first administrator, on a node that hosts the side. Prints a one-time
link where the person sets their password and enrols their second factor."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sswbridge.accounts import onboarding
from sswbridge.accounts.management.cli import add_account_arguments, print_link
from sswbridge.core.operator import os_user


class Command(BaseCommand):
    help = "Create a side's first administrator and print a one-time enrolment link."

    def add_arguments(self, parser: CommandParser) -> None:
        add_account_arguments(parser, email_required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        email: str = options["email"]
        try:
            issued = onboarding.enrol_administrator(
                framework_code=options["framework"],
                side_code=options["side"],
                username=options["username"] or email.split("@", 1)[0],
                email=email,
                agency_code=options["agency"],
                os_user=os_user(),
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages), returncode=1) from None
        print_link(self, issued)
