"""Running the real `sswbridge` command in a subprocess, with a controlled environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

SSWBRIDGE = [sys.executable, "-m", "sswbridge"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def clean_env(tmp_path: Path, **values: str) -> dict[str, str]:
    """The environment of this process without any SSWBRIDGE_* variable, plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSWBRIDGE_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["SSWBRIDGE_VAR_DIR"] = str(tmp_path / "var")
    env.update(values)
    return env


def run(
    args: list[str], env: dict[str, str], cwd: Path, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    # A guard against a hung command, not a speed test: a fresh `migrate` renders Django's
    # migration state for some 20 s of CPU (the registry split's state-only migrations), more
    # on a machine busy with the other test workers.
    return subprocess.run(
        [*SSWBRIDGE, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def process_alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    status = Path(f"/proc/{pid}/status")
    try:
        text = status.read_text()
    except FileNotFoundError:
        return False
    state = next((line for line in text.splitlines() if line.startswith("State:")), "")
    return "Z" not in state.split()[1:2]
