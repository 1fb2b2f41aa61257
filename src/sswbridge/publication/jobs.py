"""Background jobs: build a public download too large to build in a web process, and rebuild
the downloads of a register that changed (`warmup`)."""

from __future__ import annotations

from typing import Any

from sswbridge.core import jobs

# The registers register the downloads they offer from their apps' ready().
from sswbridge.publication import download_cache, warmup


@jobs.handler(download_cache.BUILD_JOB)
def build_download(payload: dict[str, Any]) -> None:
    """Payload: register, portal, format, language. Builds the register's current state
    (newer than when the job was queued, if it changed since)."""
    download_cache.build_now(
        register=payload["register"],
        portal=payload["portal"],
        fmt=payload["format"],
        language=payload["language"],
    )


@jobs.handler(warmup.WARM_JOB)
def warm_downloads(payload: dict[str, Any]) -> None:
    """Payload: register, portal. Rebuilds the downloads of the register asked for before,
    in the register's current state (queued by the change that made the state)."""
    warmup.warm(register=payload["register"], portal=payload["portal"])
