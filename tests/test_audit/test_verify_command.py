from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sswbridge.cli import main

pytestmark = pytest.mark.django_db


def _break_actor_of(seq: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET actor_label = %s WHERE seq = %s", ["kg-officeR", seq]
        )


def test_verify_audit_reports_how_many_entries_it_verified(chain):
    out = io.StringIO()
    call_command("verify-audit", stdout=out)
    assert out.getvalue().splitlines()[0] == "Verified 5 audit entries; the chain is intact."


def test_verify_audit_fails_with_the_first_broken_entry(chain):
    _break_actor_of(2)
    with pytest.raises(CommandError) as failure:
        call_command("verify-audit")
    assert failure.value.returncode == 1
    assert "#2" in str(failure.value)


def test_verify_audit_on_the_command_line_exits_non_zero_and_names_the_entry_on_stderr(
    chain, capsys
):
    _break_actor_of(4)
    with pytest.raises(SystemExit) as exit_:
        main(["verify-audit"])
    captured = capsys.readouterr()
    assert (exit_.value.code, "#4" in captured.err, captured.out) == (1, True, "")


def test_verify_audit_on_the_command_line_exits_zero_when_intact(chain, capsys):
    assert main(["verify-audit"]) == 0
    assert "Verified 5 audit entries" in capsys.readouterr().out
