from __future__ import annotations

import time

import pytest

from sswbridge.accounts.middleware import LAST_SEEN_KEY, STARTED_KEY
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_idle_session_is_signed_out_and_sent_to_sign_in_with_a_message(settings):
    client = factories.verified_client(factories.make_user("isa"))
    assert client.get("/home/").status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 1
    session.save()

    response = client.get("/home/")
    assert response.url.startswith("/accounts/login/")
    page = client.get(response.url).content.decode()
    assert "Your session expired." in page
    assert client.get("/home/").status_code == 302


def test_recent_activity_keeps_the_session(settings):
    client = factories.verified_client(factories.make_user("isa"))
    client.get("/home/")
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 + 30
    session.save()
    assert client.get("/home/").status_code == 200


def test_an_active_session_ends_after_its_maximum_age(settings):
    """SSWBRIDGE_SESSION_MAX_HOURS: however recent the last request, the session ends."""
    client = factories.verified_client(factories.make_user("isa"))
    assert client.get("/home/").status_code == 200
    session = client.session
    session[STARTED_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    session[LAST_SEEN_KEY] = int(time.time()) - 5
    session.save()

    response = client.get("/home/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert "Your session expired." in client.get(response.url).content.decode()
    assert client.get("/home/").status_code == 302


def test_a_session_younger_than_its_maximum_age_goes_on(settings):
    client = factories.verified_client(factories.make_user("isa"))
    client.get("/home/")
    session = client.session
    session[STARTED_KEY] = int(time.time()) - settings.SESSION_COOKIE_AGE + 60
    session.save()
    assert client.get("/home/").status_code == 200


def _session_writes(client, path="/home/"):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [
        q["sql"]
        for q in captured.captured_queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_the_last_request_time_is_written_at_most_once_a_minute(settings):
    """Pages do not write the session on every request; after a minute they record it."""
    client = factories.verified_client(factories.make_user("isa"))
    client.get("/home/")
    assert _session_writes(client) == []
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 61
    session.save()
    assert _session_writes(client) != []
    assert abs(client.session[LAST_SEEN_KEY] - time.time()) < 5
