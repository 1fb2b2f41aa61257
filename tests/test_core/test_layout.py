from __future__ import annotations

import pytest
from django.test import Client

from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_the_stylesheet_is_served_without_debug():
    response = Client().get("/static/sswbridge/site.css")
    assert response.status_code == 200
    assert b".site-header" in b"".join(response.streaming_content)


def test_public_landing_page_needs_no_sign_in_and_links_to_it():
    body = Client().get("/").content.decode()
    assert 'href="/accounts/login/"' in body
    assert "SSW Bridge" in body


def test_header_names_the_framework_side_and_user(jp_kg):
    user = factories.make_user("kg-ceca", "contact_point")
    body = factories.verified_client(user).get("/home/").content.decode()
    assert 'data-testid="header-context"' in body
    assert "Kyrgyz Republic" in body
    assert "Center for Employment of Citizens Abroad" in body
    assert user.username in body
