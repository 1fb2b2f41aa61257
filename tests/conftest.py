"""Fixtures for every test, and how the suite runs: on every core by default (pytest-xdist),
each worker with its own test database (pytest-django suffixes `_gw0`, `_gw1`, ... to its
name on PostgreSQL; SQLite's is in memory) and its own directories (every path below comes
from `tmp_path_factory`, which is per worker). `-n 0` or `-p no:xdist` runs serially."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import factories

# Tests that take minutes: `uv run pytest -m "not slow"` runs the rest.
SLOW = (
    "tests/test_authz/",  # the authorization matrix: every route for every user
    "tests/e2e/",  # the browser
    "tests/test_ops/",  # the real commands and servers in subprocesses
    "tests/test_support/test_bench.py",  # the import benchmark
)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """`-n auto --dist loadscope` unless the command line says otherwise (`-n 0` is serial).
    Not in `addopts`, so that `-p no:xdist` still works. `loadscope` sends each module to
    one worker whole, so a module- or package-scoped fixture (the authorization matrix's
    world) is built once per worker that runs it. (`loadgroup` would group by mark, but
    pytest-xdist 3.8 loses the groups on pytest 9.2: pytest-xdist issue 1386.)"""
    option = config.option
    if not config.pluginmanager.has_plugin("xdist") or hasattr(config, "workerinput"):
        return
    if option.numprocesses is None and not option.usepdb:
        option.numprocesses = "auto"
        if option.dist == "no":
            option.dist = "loadscope"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(pytest.mark.slow)


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
    from tests.helpers.smtp import smtp_server as running_smtp_server

    with running_smtp_server() as (inbox, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        yield inbox


TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_serialized_rollback"}


def _flushed_the_database(item: pytest.Item) -> bool:
    """Whether the test ran as a TransactionTestCase, which empties the tables after it."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """After a transactional test, the reference data (loaded by the migrations) goes back.
    Serially, pytest-django runs those tests last and nothing needs it after them; on a
    worker of pytest-xdist any test may follow one."""
    result = yield
    if nextitem is not None and _flushed_the_database(item):
        from django.core.management import call_command
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    # Empty without the content types and permissions that a flush without
                    # serialized rollback made again, as Django's serialized rollback does.
                    call_command(
                        "flush",
                        verbosity=0,
                        interactive=False,
                        database=connection.alias,
                        reset_sequences=False,
                        inhibit_post_migrate=True,
                    )
                    connection.creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(scope="session", autouse=True)
def _own_var_and_media_dirs(tmp_path_factory: Any) -> Any:
    """The var and media directories of this worker, never the developer's `var/`."""
    from django.test import override_settings

    var = tmp_path_factory.mktemp("var")
    with override_settings(
        VAR_DIR=var,
        MEDIA_ROOT=var / "media",
        DOWNLOADS_DIR=var / "downloads",
        SCREENING_INDEX_DIR=var / "screening",
    ):
        yield var


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


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts in the default language. A request through the test client leaves the
    language it activated (a Kyrgyz portal page: ky) on the thread, and a later test on the same
    worker that reads a message outside a request (a command's output, a service's error)
    would read it in that language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
