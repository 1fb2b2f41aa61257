"""Background job: build a public download too large to build in a web process."""

from __future__ import annotations

from typing import Any

from sswbridge.core import jobs

# The views register the downloads they offer; the worker imports them here.
from sswbridge.publication import download_cache, views_registers, views_support  # noqa: F401


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
