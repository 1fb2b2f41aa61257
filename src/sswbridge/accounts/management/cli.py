"""What the commands that hand out a one-time link share (enrol-admin, breakglass)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from sswbridge.accounts import onboarding


def add_account_arguments(parser: CommandParser, *, email_required: bool) -> None:
    parser.add_argument("--framework", required=True, help="framework code, e.g. jp-kg")
    parser.add_argument("--side", required=True, help="side code, e.g. kg")
    parser.add_argument("--username", required=not email_required, help="the account's name")
    parser.add_argument("--email", required=email_required, default="")
    parser.add_argument("--agency", help="agency code (needed when the side has several)")


def print_link(command: BaseCommand, issued: onboarding.Issued) -> None:
    command.stdout.write(
        _("Administrator %(username)s <%(email)s>, agency %(agency)s, side %(side)s.")
        % {
            "username": issued.user.username,
            "email": issued.user.email,
            "agency": issued.user.agency.code,
            "side": issued.user.agency.side.code,
        }
    )
    command.stdout.write(
        _("One-time link (valid %(hours)s hours, give it to this person only):")
        % {"hours": settings.ENROLMENT_LINK_HOURS}
    )
    command.stdout.write(issued.link)
