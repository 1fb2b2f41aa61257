"""Fixtures of the core tests."""

from __future__ import annotations

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from django.urls import get_resolver


class _Server(ThreadedWSGIServer):
    request_queue_size = 128  # every writer connects at once (Django's test server keeps 10)


class _ServerThread(LiveServerThread):
    server_class = _Server


@pytest.fixture
def server_url():  # type: ignore[no-untyped-def]
    """A live server of this process, as pytest-django's `live_server`, with a listen queue
    long enough for every writer's connection. The URLconf and every view are imported
    first, so that the first request does not spend seconds importing."""
    get_resolver().url_patterns
    thread = _ServerThread("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
