from __future__ import annotations

import pytest

from sswbridge.intermediaries.models import Intermediary
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_partner_user_sees_only_its_own_frameworks_intermediaries(jp_kg, jp_uz):
    mine = factories.make_intermediary(jp_kg)
    factories.make_intermediary(jp_uz, agency_code="uz-agency")
    kg_officer = factories.make_user("kg-ceca")
    assert list(Intermediary.objects.visible_to(kg_officer)) == [mine]


def test_japan_user_sees_every_framework(jp_kg, jp_uz):
    factories.make_intermediary(jp_kg)
    factories.make_intermediary(jp_uz, agency_code="uz-agency")
    assert Intermediary.objects.visible_to(factories.make_user("isa")).count() == 2


def test_agency_marking_keeps_a_record_inside_its_agency(jp_kg):
    item = factories.make_intermediary(jp_kg, agency_code="isa", marking="agency")
    assert item not in Intermediary.objects.visible_to(factories.make_user("mofa"))
    assert item in Intermediary.objects.visible_to(factories.make_user("isa"))


def test_side_marking_keeps_a_record_inside_its_side(jp_kg):
    item = factories.make_intermediary(jp_kg, agency_code="isa", marking="side")
    assert item in Intermediary.objects.visible_to(factories.make_user("npa"))
    assert item not in Intermediary.objects.visible_to(factories.make_user("kg-ceca"))


def test_anonymous_sees_nothing(jp_kg):
    from django.contrib.auth.models import AnonymousUser

    factories.make_intermediary(jp_kg)
    assert not Intermediary.objects.visible_to(AnonymousUser()).exists()
