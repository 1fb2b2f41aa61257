"""`sswbridge serve --demo --nodes 2`: Japan's node and the Kyrgyz node, each a real
`sswbridge serve` process with its own database, node key and secret under `var/node-jp` and
`var/node-kg`, registered as each other's peer, each with the demo data of the sides it hosts.

The nodes are set up from this process through the `sswbridge` command (as an operator
would): migrate, `peer add` with the other node's public key, `demo` (a record is made on its
owner's node, and what is shared travels as envelopes once both serve), then `serve`. Further
`demo` passes, each after the previous one's deliveries, make the acts on what arrived: the
second (Japan opens and acknowledges the Kyrgyz share, asks for its withheld victims and for
consent to disclose it, publishes the arrived Kyrgyz register steps; the Kyrgyz contact point
answers Japan's inquiry), the third (the Kyrgyz contact point releases the victims and grants
the consent). A second run reuses `var/` (every step is idempotent). Ctrl+C stops both nodes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _

from sswbridge.core import nodekey
from sswbridge.core.demoenv import demo_environment

FRAMEWORK = "jp-kg"
HOST = "127.0.0.1"
PASSES = 3  # `demo` runs: the first makes each side's own records, the others act on arrivals
# The node's environment comes from here: the caller's own node settings do not leak in.
_NODE_SETTINGS = (
    "SSWBRIDGE_DATABASE_URL",
    "SSWBRIDGE_VAR_DIR",
    "SSWBRIDGE_MEDIA_DIR",
    "SSWBRIDGE_NODE_KEY_FILE",
    "SSWBRIDGE_CHECKPOINT_DIR",
    "SSWBRIDGE_SCREENING_INDEX_DIR",
    "SSWBRIDGE_HOSTED_SIDES",
    "SSWBRIDGE_BIND",
    "SSWBRIDGE_PUBLIC_URL",
)


@dataclass
class DemoNode:
    side: str  # the side this node hosts in jp-kg
    hosted: str  # SSWBRIDGE_HOSTED_SIDES
    label: str
    port: int
    folder: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def database(self) -> Path:
        return self.folder / "sswbridge.sqlite3"

    def start(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "sswbridge", *args],
            env={**self.env, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def query(self, sql: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(self.database, timeout=30) as db:
            return db.execute(sql).fetchall()


def nodes(var_dir: Path, base_port: int) -> list[DemoNode]:
    """Japan's node (Japan's side in every framework, and the Uzbek side, which has no node of
    its own) on `base_port`, the Kyrgyz node on the next port."""
    specs = (
        ("jp", "jp,jp-uz:uz", _("Japan's node")),
        ("kg", f"{FRAMEWORK}:kg", _("Kyrgyz node")),
    )
    found = []
    for n, (side, hosted, label) in enumerate(specs):
        node = DemoNode(side, hosted, label, base_port + n, var_dir / f"node-{side}")
        base = {k: v for k, v in os.environ.items() if k not in _NODE_SETTINGS}
        node.env = {
            **base,
            **demo_environment(node.folder),
            "SSWBRIDGE_HOSTED_SIDES": hosted,
            "SSWBRIDGE_BIND": f"{HOST}:{node.port}",
            "SSWBRIDGE_PUBLIC_URL": node.url,
            "SSWBRIDGE_FEDERATION_POLL_SECONDS": base.get("SSWBRIDGE_FEDERATION_POLL_SECONDS", "5"),
        }
        found.append(node)
    return found


def _all(items: list[DemoNode], *args: str, env: dict[str, str] | None = None) -> list[str]:
    """Run the command on every node at once; their standard outputs."""
    running = [node.start(*args, env=env) for node in items]
    outputs = []
    for node, process in zip(items, running, strict=True):
        out, err = process.communicate()
        if process.returncode != 0:
            raise CommandError(
                _("%(node)s: `sswbridge %(command)s` failed:\n%(error)s")
                % {"node": node.label, "command": " ".join(args), "error": (err or out).strip()}
            )
        outputs.append(out)
    return outputs


def register_peers(jp: DemoNode, kg: DemoNode) -> None:
    """Each node registers the other with its public key (the key ceremony, done here by
    reading both key files)."""
    for here, there in ((jp, kg), (kg, jp)):
        urls = [str(url) for (url,) in here.query("SELECT base_url FROM federation_peer")]
        if there.url in urls:
            continue
        if urls:
            raise CommandError(
                _(
                    "%(node)s in %(folder)s knows its peer at %(old)s, not %(new)s: use the "
                    "same --base-port as before, or remove %(folder)s and its peer's folder."
                )
                % {"node": here.label, "folder": here.folder, "old": urls[0], "new": there.url}
            )
        key = nodekey.load(there.folder / "node_key.pem").public.raw_base64
        _all(
            [here], "peer", "add", "--framework", FRAMEWORK, "--side", there.side,
            "--url", there.url, "--key", key, "--label", there.label,
        )  # fmt: skip


def _queued(node: DemoNode) -> int:
    [(count,)] = node.query(
        "SELECT COUNT(*) FROM federation_envelope WHERE direction = 'out' AND status = 'queued'"
    )
    return int(str(count))


def _wait(items: list[DemoNode], ready: str, timeout: float) -> bool:
    """Until each node answers (`ready` = "up") or has delivered its queue ("delivered");
    False after `timeout`. A node that stopped is an error."""
    deadline = time.monotonic() + timeout
    pending = list(items)
    while pending:
        for node in list(pending):
            if node.process is not None and node.process.poll() is not None:
                raise CommandError(_("%(node)s stopped.") % {"node": node.label})
            try:
                if ready == "up":
                    urllib.request.urlopen(f"{node.url}/accounts/login/", timeout=2).close()  # noqa: S310 - our own node
                elif _queued(node):
                    continue
            except (OSError, sqlite3.OperationalError):
                continue
            pending.remove(node)
        if pending:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.5)
    return True


def stop(items: list[DemoNode]) -> None:
    for node in items:
        if node.process is not None and node.process.poll() is None:
            node.process.terminate()
    for node in items:
        if node.process is None:
            continue
        try:
            node.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            node.process.kill()
            node.process.wait()


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def running(items: list[DemoNode]) -> Iterator[None]:
    """Both nodes serve (each with its worker) inside; both stop on the way out."""
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        for node in items:
            node.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-m", "sswbridge", "serve", "--bind", f"{HOST}:{node.port}"],
                env=node.env,
            )
        yield
    finally:
        stop(items)
        signal.signal(signal.SIGTERM, previous)


def summary(items: list[DemoNode], tables: list[str]) -> str:
    """Each node's address, the sides it hosts and its demo accounts."""
    parts = []
    for node, table in zip(items, tables, strict=True):
        parts.append(_("%(node)s: %(url)s/") % {"node": node.label, "url": node.url})
        parts.append(_("hosts %(sides)s") % {"sides": node.hosted} + "\n")
        parts.append(table.strip() + "\n")
    parts.append(
        _("Both nodes are serving, each the other's peer — press Ctrl+C to stop both.") + "\n"
    )
    return "\n" + "\n".join(parts)


def run(var_dir: Path, base_port: int, out: OutputWrapper) -> None:
    """Set up both nodes (idempotent), serve them, print their addresses and accounts; until
    Ctrl+C (or SIGTERM) or until one of them stops."""
    items = nodes(var_dir, base_port)
    jp, kg = items
    out.write(_("Preparing the two demo nodes in %(folder)s ...") % {"folder": var_dir} + "\n")
    out.flush()
    # Delivery waits for the workers: this short-lived command may not post half an envelope.
    quiet = {"SSWBRIDGE_FEDERATION_DELIVER_ON_COMMIT": "false"}
    try:
        _all(items, "migrate", "--verbosity", "0")
        register_peers(jp, kg)
        _all(items, "demo", env=quiet)
        with running(items):
            if not _wait(items, "up", 300):
                raise CommandError(_("The demo nodes did not start in time."))
            # The acts on what arrived from the other node: a pass after each delivery.
            tables: list[str] = []
            for _pass in range(PASSES - 1):
                _wait(items, "delivered", 180)
                tables = _all(items, "demo", env=quiet)
            out.write(summary(items, tables))  # one write: the nodes' logs do not cut into it
            out.flush()
            while all(node.process is not None and node.process.poll() is None for node in items):
                time.sleep(0.5)
            raise CommandError(_("A demo node stopped; the other is stopped too."))
    except KeyboardInterrupt:
        out.write(_("Both demo nodes stopped.") + "\n")
