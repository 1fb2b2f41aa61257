"""`sswbridge serve [--demo [--nodes 2]]`: gunicorn for the web, with the background worker
beside it (`--nodes 2`: two demo nodes, core/demonodes.py).

Each web process runs `SSWBRIDGE_WEB_THREADS` threads (gunicorn's gthread worker): a slow
client, or a request that waits on the database or a file, holds one thread, not the whole
process, so other pages keep answering. The process-wide state is safe to share between
threads: Django gives each thread its own database connection; the screening index
(`screening/live.py`, `screening/index.py`) is read and changed under its locks; the node
key cache and pykakasi's dictionaries load under a lock; `lru_cache` is thread-safe; a
download is built under a file lock taken per call. With 1 thread the worker is gunicorn's
sync worker, as before."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

from sswbridge.config import env_int, env_path, env_str
from sswbridge.core.startup import (
    refuse_missing_node_key,
    refuse_unapplied_migrations,
    refuse_unsafe_configuration,
)

DEFAULT_BIND = "127.0.0.1:8000"


class BridgeApplication(BaseApplication):  # type: ignore[misc]
    """Gunicorn embedded: the options come from here, not from a gunicorn config file."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from sswbridge.wsgi import application

        return application


def start_worker() -> subprocess.Popen[bytes]:
    """The worker as a child process; it stops by itself if this process disappears."""
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "sswbridge", "worker", "--parent-pid", str(os.getpid())]
    )


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


class Command(BaseCommand):
    help = "Serve SSW Bridge with gunicorn and run the background worker beside it."
    requires_system_checks: list[str] = []  # checked in handle(), after the configuration

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Migrate the SQLite database in ./var, load the demo data and print the accounts.",
        )
        parser.add_argument(
            "--nodes",
            type=int,
            choices=(1, 2),
            default=1,
            help=(
                "With --demo: 2 runs Japan's node and the Kyrgyz node, each with its own "
                "database and key under ./var/node-jp and ./var/node-kg, as each other's peer."
            ),
        )
        parser.add_argument(
            "--base-port",
            type=int,
            default=8000,
            help="With --nodes 2: Japan's node on this port, the Kyrgyz node on the next.",
        )
        parser.add_argument(
            "--bind",
            default=None,
            help="Address to listen on (default: SSWBRIDGE_BIND or 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the worker (when it runs as its own service).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["nodes"] == 2:
            if not options["demo"]:
                raise CommandError(_("--nodes 2 is for the demo: add --demo."))
            from sswbridge.core import demonodes

            demonodes.run(env_path("SSWBRIDGE_VAR_DIR", "var"), options["base_port"], self.stdout)
            return
        refuse_unsafe_configuration()
        self.check()
        if options["demo"]:
            call_command("migrate", verbosity=0, interactive=False)
            from sswbridge.core import nodekey

            nodekey.ensure()  # the demo makes its node key, as it makes var/secret_key
        else:
            refuse_unapplied_migrations()
        refuse_missing_node_key()
        bind = options["bind"] or env_str("SSWBRIDGE_BIND", DEFAULT_BIND)
        workers = env_int("SSWBRIDGE_WEB_CONCURRENCY", 2, minimum=1)
        threads = env_int("SSWBRIDGE_WEB_THREADS", 2, minimum=1)
        if options["demo"]:
            # The demo app's `demo` command, by name: core imports no app that composes others.
            table = call_command("demo", stdout=io.StringIO())
            self.stdout.write(_("Demo data loaded. Demo accounts:") + "\n")
            self.stdout.write(f"{table}\n")
        # The web processes are forked from this one: no database connection may cross.
        connections.close_all()
        worker = None if options["no_worker"] else start_worker()
        if worker is not None:
            self.stdout.write(_("Background worker started (pid %(pid)s).") % {"pid": worker.pid})
        self.stdout.write(
            _("SSW Bridge is serving at %(url)s — press Ctrl+C to stop.")
            % {"url": f"http://{bind}/"}
        )
        self.stdout.flush()
        try:
            BridgeApplication(
                {
                    "bind": bind,
                    "workers": workers,
                    "worker_class": "gthread" if threads > 1 else "sync",
                    "threads": threads,
                    "accesslog": "-",
                    "errorlog": "-",
                    "control_socket_disable": True,
                    "proc_name": "sswbridge",
                }
            ).run()
        finally:
            if worker is not None:
                stop_worker(worker)
