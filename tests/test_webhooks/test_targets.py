"""Webhook targets: HTTPS on public addresses only; plain HTTP to 127.0.0.1 in tests only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sswbridge.accounts.models import Role
from sswbridge.webhooks import services, targets
from tests.helpers import factories

REFUSED = [
    "https://10.0.0.1/hooks",
    "https://localhost/hooks",
    "http://example.org/hooks",
    "https://127.0.0.1/hooks",
    "https://192.168.1.20/hooks",
    "https://172.16.0.5/hooks",
    "https://169.254.169.254/latest/meta-data",
    "https://100.64.0.1/hooks",
    "https://[::1]/hooks",
    "https://[fd00::1]/hooks",
    "https://[::ffff:10.0.0.1]/hooks",
    "https://0.0.0.0/hooks",
    "https://user:secret@93.184.215.14/hooks",
    "ftp://93.184.215.14/hooks",
    "http://127.0.0.2:8000/hooks",
    "http://localhost:8000/hooks",
]


@pytest.mark.parametrize("url", REFUSED)
def test_a_private_loopback_or_plain_http_target_is_refused(url: str) -> None:
    with pytest.raises(ValidationError):
        targets.check(url)


def test_an_https_target_on_a_public_address_is_allowed() -> None:
    targets.check("https://93.184.215.14/hooks")
    targets.check("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:8443/hooks")


def test_plain_http_to_loopback_is_allowed_only_when_the_settings_allow_it(settings: Any) -> None:
    targets.check("http://127.0.0.1:8000/hooks")
    settings.WEBHOOKS_ALLOW_LOOPBACK = False
    with pytest.raises(ValidationError):
        targets.check("http://127.0.0.1:8000/hooks")


def test_loopback_is_never_allowed_outside_the_tests() -> None:
    """Outside pytest the settings refuse loopback even when the environment asks for it."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SSWBRIDGE_WEBHOOKS_ALLOW_LOOPBACK": "1"}
    code = "import sswbridge.settings as s; print(s.WEBHOOKS_ALLOW_LOOPBACK)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


@pytest.mark.django_db
def test_registering_a_private_target_is_refused_and_stores_nothing(jp_kg: Any) -> None:
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    with pytest.raises(ValidationError) as refused:
        services.add_endpoint(actor=admin, url="https://10.0.0.1/x", event_types=["communication"])
    assert "url" in refused.value.message_dict
    assert admin.agency.webhook_endpoints.count() == 0


@pytest.mark.django_db
def test_an_unknown_event_type_is_refused(jp_kg: Any) -> None:
    admin = factories.make_user("kg-ceca", Role.ADMINISTRATOR)
    with pytest.raises(ValidationError) as refused:
        services.add_endpoint(actor=admin, url="https://93.184.215.14/x", event_types=["salaries"])
    assert "event_types" in refused.value.message_dict
