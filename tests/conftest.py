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
def _fresh_screening_index():  # type: ignore[no-untyped-def]
    """The screening index of this process is loaded from each test's own database."""
    from sswbridge.screening import live

    live.reset()
    yield
    live.reset()
