"""The countdown reads the notice of termination through `visible_to`: whoever may see the
notice sees its date; whoever may not, sees no countdown."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from sswbridge.accounts.models import Role
from sswbridge.frameworks.models import Framework
from sswbridge.lifecycle import selectors, services
from tests.helpers import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(kg_cp, jp_kg):  # type: ignore[no-untyped-def]
    return services.give_termination_notice(actor=kg_cp, framework=jp_kg)


@pytest.mark.parametrize("who", ["jp_cp", "kg_officer"])
def test_both_sides_of_the_framework_see_the_countdown(notice, who, request):
    user = request.getfixturevalue(who)
    framework = Framework.objects.get(code="jp-kg")
    assert selectors.countdown(user, framework).termination_date == notice.termination_date


def test_a_user_of_another_framework_sees_no_countdown(notice, jp_uz):
    uz = factories.make_user("uz-agency", Role.CONTACT_POINT)
    assert selectors.countdown(uz, notice.framework).termination_date is None


def test_an_anonymous_reader_sees_no_countdown(notice):
    assert selectors.countdown(AnonymousUser(), notice.framework).termination_date is None
