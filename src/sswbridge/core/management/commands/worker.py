"""`sswbridge worker`: run the background jobs (core.Job rows) until SIGTERM or SIGINT."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sswbridge.core.startup import refuse_missing_node_key, refuse_unapplied_migrations
from sswbridge.core.worker import Worker


class Command(BaseCommand):
    help = "Run the background worker: send mail and other queued jobs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--poll-seconds",
            type=float,
            default=None,
            help="Seconds between looks for due jobs (default: SSWBRIDGE_WORKER_POLL_SECONDS).",
        )
        parser.add_argument(
            "--parent-pid",
            type=int,
            default=None,
            help="Stop when this process is no longer the parent (used by `serve`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refuse_unapplied_migrations()
        refuse_missing_node_key()
        Worker(poll_seconds=options["poll_seconds"], parent_pid=options["parent_pid"]).run()
