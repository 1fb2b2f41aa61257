"""`sswbridge createuser --agency CODE --role ROLE --email E [--username U] [--password-stdin]`."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.accounts import services
from sswbridge.accounts.models import Agency, Role
from sswbridge.core.operator import os_user


class Command(BaseCommand):
    help = "Create a staff user in an agency with a role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="agency code, e.g. isa or kg-ceca")
        parser.add_argument("--role", required=True, help="one of: " + ", ".join(Role.values))
        parser.add_argument("--email", required=True)
        parser.add_argument("--username", help="defaults to the part of the e-mail before @")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        password = parser.add_mutually_exclusive_group()
        password.add_argument("--password", help="the password (visible in the process list)")
        password.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.select_related("side").filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(
                _("Unknown agency %(code)s. Known agencies: %(known)s.")
                % {
                    "code": options["agency"],
                    "known": ", ".join(Agency.objects.values_list("code", flat=True)),
                }
            )
        if options["role"] not in Role.values:
            raise CommandError(
                _("Unknown role %(role)s. Roles: %(roles)s.")
                % {"role": options["role"], "roles": ", ".join(Role.values)}
            )
        email: str = options["email"]
        username: str = options["username"] or email.split("@", 1)[0]
        generated = False
        if options["password_stdin"]:
            password: str | None = sys.stdin.readline().rstrip("\r\n")
        elif options["password"]:
            password = options["password"]
        else:
            password, generated = services.random_password(), True
        try:
            user = services.create_user(
                actor=None,
                username=username,
                email=email,
                agency=agency,
                role=options["role"],
                password=password,
                first_name=options["first_name"],
                last_name=options["last_name"],
                os_user=os_user(),
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            _("Created user %(username)s <%(email)s>: %(role)s, agency %(agency)s, side %(side)s.")
            % {
                "username": user.username,
                "email": user.email,
                "role": user.get_role_display(),
                "agency": agency.code,
                "side": agency.side.code,
            }
        )
        if user.is_staff:
            self.stdout.write(_("The user may use the administration site."))
        if generated:
            self.stdout.write(_("Password (shown once): %(password)s") % {"password": password})
        self.stdout.write(_("Two-factor enrolment happens at the first sign-in."))
