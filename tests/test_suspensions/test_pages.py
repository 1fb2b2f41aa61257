"""Every page of clause 8 answers both sides; the forms appear for the side that acts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.suspensions import services
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_the_pages_answer_both_sides_with_the_right_forms(jp_officer, kg_cp, leaving):
    req = services.request_return_assistance(actor=jp_officer, person=leaving, assistance="P")
    jp, kg = factories.verified_client(jp_officer), factories.verified_client(kg_cp)
    urls = [
        reverse("suspensions:list"),
        reverse("suspensions:detail", args=[leaving.suspension_id]),
        reverse("suspensions:person", args=[leaving.pk]),
        reverse("suspensions:returns"),
        reverse("suspensions:return_detail", args=[req.pk]),
    ]
    for client in (jp, kg):
        for url in urls:
            assert client.get(url).status_code == 200, url
    jp_person = jp.get(urls[2]).content.decode()
    kg_person = kg.get(urls[2]).content.decode()
    assert 'data-testid="return-form"' in jp_person
    assert 'data-testid="return-form"' not in kg_person
    assert "Record the step" in kg.get(urls[4]).content.decode()
    assert "Record the step" not in jp.get(urls[4]).content.decode()
    assert kg.get(reverse("suspensions:create")).status_code == 403
