"""Nodes run wholly as processes (`serve`, `worker`, `shell`), each with its own database and
node key: the fault tests and bench/federation.py, where the sender's delivery must run in a
process of its own (to be killed) or the figures must not share this process."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.helpers.nodes import SECRET, Node, node_database
from tests.helpers.ops import SSWBRIDGE, clean_env, free_port, run


def make_node(folder: Path, hosted: str, **env: str) -> Node:
    """A migrated node with its key, hosting `hosted` (SSWBRIDGE_HOSTED_SIDES)."""
    folder.mkdir(parents=True, exist_ok=True)
    values = {
        "SSWBRIDGE_SECRET_KEY": SECRET,
        "SSWBRIDGE_HTTPS": "false",
        "SSWBRIDGE_HOSTED_SIDES": hosted,
        "SSWBRIDGE_DATABASE_URL": node_database(folder),
        "SSWBRIDGE_NODE_KEY_FILE": str(folder / "node_key.pem"),
        "SSWBRIDGE_CHECKPOINT_DIR": str(folder / "checkpoints"),
        "SSWBRIDGE_WEB_CONCURRENCY": "1",
        **env,
    }
    node = Node(folder, clean_env(folder, **values), free_port())
    # A fresh migrate takes minutes of CPU on a busy machine.
    result = run(["migrate", "-v0"], node.env, folder, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    node.command("keys", "generate")
    return node


def public_key(node: Node) -> str:
    """The node's public key in base64, as `keys show` prints it."""
    out = node.command("keys", "show").stdout
    return next(
        line.split(":", 1)[1].strip()
        for line in out.splitlines()
        if line.lower().lstrip().startswith("public key")
    )


def peer(node: Node, framework: str, side: str, url: str, key: str) -> None:
    node.command(
        "peer", "add", "--framework", framework, "--side", side, "--url", url, "--key", key
    )  # fmt: skip


def shell(node: Node, code: str, timeout: float = 600) -> str:
    """Run Python in the node's `sswbridge shell`; its output."""
    result = subprocess.run(
        [*SSWBRIDGE, "shell", "-c", code],
        env=node.env,
        cwd=node.folder,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def start(node: Node, *args: str, log: str) -> subprocess.Popen[bytes]:
    with open(node.folder / log, "ab") as out:
        return subprocess.Popen(
            [*SSWBRIDGE, *args], cwd=node.folder, env=node.env, stdout=out, stderr=out
        )


def log(node: Node, name: str) -> str:
    """The end of a log the node's processes wrote (for an assertion's message)."""
    path = node.folder / name
    return path.read_text(errors="replace")[-3000:] if path.exists() else f"no {name}"


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def serving(node: Node) -> Iterator[subprocess.Popen[bytes]]:
    """The node's web server (no worker), up until the block ends."""
    process = start(
        node, "serve", "--no-worker", "--bind", f"127.0.0.1:{node.port}", log="serve.log"
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{node.url}/accounts/login/", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline and process.poll() is None, (
                    f"the node in {node.folder} did not start"
                )
                time.sleep(0.3)
        yield process
    finally:
        stop(process)
