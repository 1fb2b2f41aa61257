"""`sswbridge token create|list|revoke --user NAME`: API tokens from the command line.

Each change is audited under the account's side, naming the operating-system user who ran
the command (hosted mode cannot hide the operator's acts from the partner, only record them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sswbridge.accounts import services
from sswbridge.accounts.models import ApiToken, User
from sswbridge.core.operator import os_user


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"


class Command(BaseCommand):
    help = "Create, list or revoke a user's API tokens. `create` prints only the raw token."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="issue a token and print it")
        create.add_argument("--user", required=True, help="username")
        create.add_argument("--name", default="", help="a label for the token")
        listing = actions.add_parser("list", help="list the user's tokens")
        listing.add_argument("--user", required=True, help="username")
        revoke = actions.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("--user", required=True, help="username")
        revoke.add_argument("--prefix", required=True, help="the token's first characters")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(_("No user named %(name)s.") % {"name": options["user"]})
        if options["action"] == "create":
            _token, raw = services.issue_token(
                actor=None, user=user, name=options["name"], os_user=os_user()
            )
            self.stdout.write(raw)
        elif options["action"] == "list":
            self.stdout.write("prefix\tcreated\tlast_used\trevoked\tname")
            for token in ApiToken.objects.filter(user=user):
                self.stdout.write(
                    "\t".join(
                        [
                            token.key_prefix,
                            _when(token.created_at),
                            _when(token.last_used_at),
                            _when(token.revoked_at),
                            token.name,
                        ]
                    )
                )
        else:
            prefix: str = options["prefix"]
            matches = list(
                ApiToken.objects.filter(
                    user=user, revoked_at__isnull=True, key_prefix__startswith=prefix[:12]
                )
            )
            if len(matches) != 1:
                raise CommandError(
                    _("No single active token of %(name)s starts with %(prefix)s.")
                    % {"name": user.username, "prefix": prefix}
                )
            services.revoke_token(actor=None, token=matches[0], os_user=os_user())
            self.stdout.write(_("Revoked %(prefix)s.") % {"prefix": matches[0].key_prefix})
