"""The node key: made by `sswbridge keys`, readable by its owner only, required to serve."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sswbridge.audit.checks import check_node_key
from sswbridge.cli import demo_environment
from sswbridge.core import nodekey
from tests.helpers.ops import clean_env, free_port, run


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def key_file(settings, tmp_path: Path) -> Path:
    settings.NODE_KEY_FILE = tmp_path / "keys" / "node_key.pem"
    return Path(settings.NODE_KEY_FILE)


def test_keys_generate_writes_a_key_readable_by_its_owner_only(key_file):
    call_command("keys", "generate", stdout=io.StringIO())
    assert _mode(key_file) == 0o600


def test_keys_generate_refuses_to_replace_a_key(key_file):
    call_command("keys", "generate", stdout=io.StringIO())
    before = key_file.read_bytes()
    with pytest.raises(CommandError) as refusal:
        call_command("keys", "generate", stdout=io.StringIO())
    assert (refusal.value.returncode, "--force" in str(refusal.value)) == (1, True)
    assert key_file.read_bytes() == before


def test_keys_generate_force_replaces_the_key_and_keeps_the_old_public_key(key_file):
    call_command("keys", "generate", stdout=io.StringIO())
    old = nodekey.load(key_file).key_id
    call_command("keys", "generate", "--force", stdout=io.StringIO())
    new = nodekey.load(key_file).key_id
    assert new != old and _mode(key_file) == 0o600
    assert [key.key_id for key in nodekey.load_retired(key_file)] == [old]


def test_keys_show_prints_the_public_key_and_its_grouped_fingerprint(key_file):
    key = nodekey.generate(key_file)
    out = io.StringIO()
    call_command("keys", "show", stdout=out)
    assert key.public.raw_base64 in out.getvalue()
    assert f"Fingerprint (SHA-256): {nodekey.grouped(key.key_id)}" in out.getvalue()


def test_the_fingerprint_is_the_sha256_of_the_raw_public_key(key_file):
    import base64
    import hashlib

    key = nodekey.generate(key_file)
    raw = base64.b64decode(key.public.raw_base64)
    assert (len(raw), key.key_id) == (32, hashlib.sha256(raw).hexdigest())
    assert nodekey.grouped(key.key_id).split(" ")[0] == key.key_id[:4]


def test_keys_show_without_a_key_says_so(key_file):
    with pytest.raises(CommandError) as failure:
        call_command("keys", "show", stdout=io.StringIO())
    assert "does not exist" in str(failure.value)


def test_a_key_readable_by_others_is_refused(key_file):
    nodekey.generate(key_file)
    key_file.chmod(0o644)
    with pytest.raises(nodekey.NodeKeyError, match="chmod 600"):
        nodekey.load(key_file)


def test_deploy_check_tells_that_the_key_is_missing_without_failing_the_warning_gate(key_file):
    messages = check_node_key()
    assert [(m.id, m.is_serious()) for m in messages] == [("sswbridge.I010", False)]


def test_deploy_check_is_an_error_for_a_key_others_may_read(key_file):
    nodekey.generate(key_file)
    key_file.chmod(0o640)
    assert [m.id for m in check_node_key()] == ["sswbridge.E010"]


def test_deploy_check_is_silent_with_a_usable_key(key_file):
    nodekey.generate(key_file)
    assert check_node_key() == []


def test_the_demo_makes_its_node_key_once(tmp_path):
    env = demo_environment(tmp_path / "var")
    key = Path(env["SSWBRIDGE_NODE_KEY_FILE"])
    first = key.read_bytes()
    demo_environment(tmp_path / "var")
    assert (key.parent, _mode(key), key.read_bytes()) == (tmp_path / "var", 0o600, first)


def test_serve_refuses_to_start_without_a_node_key(tmp_path: Path) -> None:
    env = clean_env(tmp_path, SSWBRIDGE_SECRET_KEY="a-long-random-secret-for-tests-only-0123456789")
    assert run(["migrate", "-v0"], env, tmp_path).returncode == 0
    result = run(["serve", "--bind", f"127.0.0.1:{free_port()}"], env, tmp_path)
    assert result.returncode != 0
    assert "sswbridge keys generate" in result.stderr and "node_key.pem" in result.stderr


@pytest.mark.django_db
def test_the_worker_refuses_to_start_without_a_node_key(key_file):
    # --parent-pid 0: were it to start, the worker would stop at once (its parent is not 0).
    with pytest.raises(CommandError, match="sswbridge keys generate"):
        call_command("worker", "--poll-seconds", "1", "--parent-pid", "0")
