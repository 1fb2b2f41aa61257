"""Checks of the audit trail against other nodes' records, run by `verify-audit --peers`.

The audit app knows no peer: an app that keeps them (the federation) registers a check from
its `ready()`. A check returns findings, each (level, message): level "ok", "warning" or
"failure"; a failure makes `verify-audit --peers` exit with status 1."""

from __future__ import annotations

from collections.abc import Callable

OK, WARNING, FAILURE = "ok", "warning", "failure"
Finding = tuple[str, str]

_checks: list[Callable[[], list[Finding]]] = []


def register(check: Callable[[], list[Finding]]) -> None:
    if check not in _checks:
        _checks.append(check)


def run() -> list[Finding]:
    findings: list[Finding] = []
    for check in _checks:
        findings.extend(check())
    return findings
