"""System checks of the kinds the apps registered (run by `sswbridge check` and at start)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from sswbridge.exchange.kinds import unknown_answer_kinds


def check_answer_kinds(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Each kind that answers another is registered by some app."""
    return [
        Error(
            f"The kind of communication {pair} is answered by a kind no app registered.",
            hint="Register the answer kind from its app's AppConfig.ready() (register_kind).",
            id="sswbridge.E030",
        )
        for pair in unknown_answer_kinds()
    ]


def connect() -> None:
    register(check_answer_kinds)
