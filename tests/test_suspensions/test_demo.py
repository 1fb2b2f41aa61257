"""The demo data shows clause 8: a suspension on both portals, an affected worker with a
spouse and an open return-assistance request; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.demo.loader import load_demo
from sswbridge.suspensions.models import Dependant, ReturnAssistanceRequest, Suspension

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_suspension_and_a_return_request_once():
    load_demo()
    load_demo()
    assert Suspension.objects.count() == 1
    assert Dependant.objects.count() == 1
    assert ReturnAssistanceRequest.objects.get().status == "requested"
    for country in ("jp", "kg"):
        page = Client().get(f"/portal/{country}/").content.decode()
        assert "Immigration Control Act, Article 7-2 (demo)" in page
