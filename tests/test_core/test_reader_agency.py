"""The opening check that every `visible_to` shares (core.visibility.reader_agency): no user,
an anonymous one, an inactive one or one of no agency sees nothing, whatever the model."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from sswbridge.accounts.models import Role, User
from sswbridge.audit.models import AuditEntry
from sswbridge.cases.models import Case
from sswbridge.core.visibility import reader_agency
from sswbridge.disclosure.models import Disclosure, DisclosureRequest
from sswbridge.exchange.models import Attachment, Communication
from sswbridge.frameworks.models import Framework
from sswbridge.readlog.models import ReadEvent
from tests.helpers import factories

pytestmark = pytest.mark.django_db

MODELS = [
    Case,
    Communication,
    Attachment,
    ReadEvent,
    AuditEntry,
    Framework,
    DisclosureRequest,
    Disclosure,
]


def _inactive() -> User:
    user = factories.make_user("isa", Role.AUDITOR)
    user.is_active = False
    return user


def _no_agency() -> User:
    return User(username="nobody", role=Role.AUDITOR, agency=None)


READERS = {
    "no user": lambda: None,
    "anonymous": AnonymousUser,
    "inactive": _inactive,
    "no agency": _no_agency,
}


@pytest.mark.parametrize("reader", READERS)
def test_whoever_fails_the_opening_check_has_no_agency_to_read_as(reader, jp_kg):
    assert reader_agency(READERS[reader]()) is None


def test_an_active_user_reads_as_their_agency(jp_kg):
    user = factories.make_user("isa", Role.AUDITOR)
    assert reader_agency(user) == user.agency


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("reader", READERS)
def test_every_visible_to_shows_nothing_to_them(model, reader, jp_kg):
    assert model.objects.visible_to(READERS[reader]()).query.is_empty()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_visible_to_lets_an_active_auditor_through_the_opening_check(model, jp_kg):
    user = factories.make_user("isa", Role.AUDITOR)
    assert not model.objects.visible_to(user).query.is_empty()
