"""Posting signed JSON to a peer (the standard library's HTTP client)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from sswbridge.core import nodekey
from sswbridge.federation import signing


@dataclass(frozen=True)
class Answer:
    """The peer's answer: HTTP status and JSON body ({} when it sent none)."""

    status: int
    data: dict[str, Any]

    @property
    def code(self) -> str:
        return str(self.data.get("code", ""))


class Unreachable(Exception):
    """No HTTP answer: the connection failed or timed out."""


def _json(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def post(url: str, body: bytes, *, timeout: float | None = None) -> Answer:
    """POST `body` to `url`, signed with this node's key and a fresh nonce."""
    key = nodekey.current()
    headers = signing.sign(url, body, private_key=key.private, key_id=key.key_id)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(  # noqa: S310 - the peer's registered http(s) URL
            request, timeout=timeout or settings.FEDERATION_TIMEOUT_SECONDS
        ) as response:
            return Answer(response.status, _json(response.read()))
    except urllib.error.HTTPError as error:
        with error:
            return Answer(error.code, _json(error.read()))
    except (urllib.error.URLError, OSError) as error:
        raise Unreachable(str(getattr(error, "reason", error))) from error
