"""Checks that `serve` and `worker` make before they start, each with a message that says
what to fix. They raise CommandError, which prints on stderr and exits non-zero."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def refuse_unsafe_configuration() -> None:
    """No secret key, or debug pages for hosts beyond this machine: refuse to serve."""
    try:
        secret_key = settings.SECRET_KEY
    except ImproperlyConfigured:
        secret_key = ""
    if not secret_key:
        raise CommandError(
            _(
                "SSWBRIDGE_SECRET_KEY is empty. Set it to a long random value, for example "
                "the output of: python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
                "To try the system locally, run `sswbridge serve --demo`."
            )
        )
    remote = sorted(set(settings.ALLOWED_HOSTS) - LOCAL_HOSTS)
    if settings.DEBUG and remote:
        raise CommandError(
            _(
                "SSWBRIDGE_DEBUG is on while SSWBRIDGE_ALLOWED_HOSTS names hosts beyond this "
                "machine (%(hosts)s). Debug pages reveal configuration and data: turn "
                "SSWBRIDGE_DEBUG off, or allow only 127.0.0.1, localhost and ::1."
            )
            % {"hosts": ", ".join(remote)}
        )


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def refuse_unapplied_migrations() -> None:
    pending = unapplied_migrations()
    if pending:
        raise CommandError(
            _(
                "The database has %(count)d unapplied migrations (first: %(first)s). "
                "Run `sswbridge migrate` first."
            )
            % {"count": len(pending), "first": pending[0]}
        )


def refuse_missing_node_key() -> None:
    """Every audit entry is signed with the node key: without a readable key, refuse to start
    rather than fail at the first write."""
    from sswbridge.core import nodekey

    try:
        nodekey.current()
    except nodekey.NodeKeyError as exc:
        raise CommandError(
            _(
                "The node key that signs the audit trail cannot be used: %(error)s. Make it with "
                "`sswbridge keys generate` (SSWBRIDGE_NODE_KEY_FILE says where), then back it up "
                "apart from the database's backups."
            )
            % {"error": exc}
        ) from None
