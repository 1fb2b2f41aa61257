"""The demo data shows a granted disclosure request, once."""

from __future__ import annotations

import pytest

from sswbridge.demo.loader import load_demo
from sswbridge.disclosure.models import DisclosureRequest, RequestStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_granted_request_however_often_it_loads(jp_kg):
    load_demo()
    load_demo()
    [request] = DisclosureRequest.objects.all()
    assert request.status == RequestStatus.GRANTED
    assert request.consent_in_force()
