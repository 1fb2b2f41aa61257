"""The settings of `serve --demo`, made before Django's settings are read (cli.py), and of each
node of `serve --demo --nodes 2` (core/demonodes.py)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def demo_environment(var_dir: Path) -> dict[str, str]:
    """The settings of `serve --demo`, which must work with no environment at all.

    The database is always the SQLite file in the var directory, so that demo data never
    lands in a configured database. The secret key is made once and kept in var/secret_key,
    the node key in var/node_key.pem.
    """
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    # The node key that signs the audit trail, made once like the secret key (core/nodekey.py).
    node_key = var_dir / "node_key.pem"
    if not node_key.exists():
        from sswbridge.core import nodekey

        nodekey.generate(node_key)
    return {
        "SSWBRIDGE_VAR_DIR": str(var_dir),
        "SSWBRIDGE_NODE_KEY_FILE": str(node_key),
        "SSWBRIDGE_CHECKPOINT_DIR": str(var_dir / "checkpoints"),
        "SSWBRIDGE_DATABASE_URL": f"sqlite:///{var_dir / 'sswbridge.sqlite3'}",
        "SSWBRIDGE_SECRET_KEY": key_file.read_text().strip(),
        "SSWBRIDGE_DEBUG": "false",
        "SSWBRIDGE_HTTPS": "false",
    }
