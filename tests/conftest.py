from __future__ import annotations

import pytest

from tests import factories


@pytest.fixture
def jp_kg(db):  # type: ignore[no-untyped-def]
    return factories.jp_kg()


@pytest.fixture
def jp_uz(db):  # type: ignore[no-untyped-def]
    return factories.second_framework()


@pytest.fixture
def smtp_server(settings):  # type: ignore[no-untyped-def]
    """A real local SMTP server (aiosmtpd); the settings send mail to it. Yields its inbox:
    `.messages` (email.message.Message) and `.recipients`."""
    from tests.test_ops.smtp import smtp_server as running_smtp_server

    with running_smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        yield inbox


@pytest.fixture(autouse=True)
def _own_downloads_dir(settings, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Each test stores the portal's built downloads in a directory of its own."""
    settings.DOWNLOADS_DIR = tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session", autouse=True)
def node_key_file(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Every audit entry is signed: a node key for the whole session, in a temporary directory
    (audit/checkpoints.py writes its checkpoints beside it)."""
    from django.test import override_settings

    from sswbridge.core import nodekey

    folder = tmp_path_factory.mktemp("node")
    key_file = folder / "node_key.pem"
    nodekey.generate(key_file)
    with override_settings(NODE_KEY_FILE=key_file, CHECKPOINT_DIR=folder / "checkpoints"):
        yield key_file
    nodekey.forget()


@pytest.fixture(autouse=True)
def _no_checkpoints_from_other_tests(node_key_file):  # type: ignore[no-untyped-def]
    """Each test's database has its own audit chain: checkpoints of another test's chain go."""
    yield
    import shutil

    from django.conf import settings

    if settings.CHECKPOINT_DIR.exists():
        shutil.rmtree(settings.CHECKPOINT_DIR)


@pytest.fixture(autouse=True)
def _fresh_screening_index(settings, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The screening index of this process is loaded from each test's own database, and saved
    in a directory of the test's own."""
    settings.SCREENING_INDEX_DIR = tmp_path_factory.mktemp("screening")
    from sswbridge.screening import live

    live.reset()
    yield
    live.reset()
