"""Talking to a live server as an API client: a token and a JSON POST."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from sswbridge.accounts.models import ApiToken


def api_token(user: Any) -> str:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return str(raw)


def post_json(
    base: str, token: str, path: str, body: dict[str, Any]
) -> tuple[int, Any, dict[str, str]]:
    """(status, body as JSON or text, headers); status 0 when no answer came at all."""
    request = urllib.request.Request(
        f"{base}/api/v1{path}",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null"), dict(response.headers)
    except urllib.error.HTTPError as exc:
        text = exc.read().decode(errors="replace")
        try:
            content: Any = json.loads(text)
        except ValueError:
            content = text[:300]
        return exc.code, content, dict(exc.headers)
    except OSError as exc:  # no answer at all counts as a failure too
        return 0, repr(exc), {}
