"""Retraction, requests for withheld content and the read log answer 404 to a user of
another framework, with valid bodies (the isolation test sends none)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.exchange import release
from sswbridge.readlog.models import ReadEvent
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(kg_cp, jp_cp):  # type: ignore[no-untyped-def]
    return factories.make_communication(
        sender=kg_cp,
        kind="intermediary_share",
        subject="Secret share",
        payload={"acts": ["penalty_contract"], "informant": "Secret informant"},
        withheld_fields=["informant"],
    )


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_a_user_of_another_framework_gets_404(shared, jp_cp, role):
    item = release.request_release(
        actor=jp_cp, communication=shared, field="informant", reason="Needed"
    )
    factories.second_framework()
    uz = factories.make_user("uz-agency", role)
    api = Api(uz)
    base = f"/communications/{shared.pk}"
    assert api.post(f"{base}/retract", {"reason": "x"}).status_code == 404
    assert api.get(f"{base}/release-requests").status_code == 404
    created = api.post(f"{base}/release-requests", {"field": "informant", "reason": "x"})
    assert created.status_code == 404
    decided = api.post(f"{base}/release-requests/{item.pk}/decide", {"release": True})
    assert decided.status_code == 404
    client = factories.verified_client(uz)
    assert client.get(reverse("exchange:retract", args=[shared.pk])).status_code == 404
    posted = client.post(
        reverse("exchange:release_request", args=[shared.pk]),
        {"target": "field:informant", "reason": "x"},
    )
    assert posted.status_code == 404
    decide = reverse("exchange:release_decide", args=[shared.pk, item.pk])
    assert client.post(decide, {"decision": "release"}).status_code == 404
    assert not ReadEvent.objects.filter(user=uz).exists()
    reads = client.get(reverse("readlog:list"))
    assert reads.status_code == 200 and "jp-kg" not in reads.content.decode()


def test_a_marking_of_one_agency_keeps_the_communication_from_the_other_side(kg_cp, jp_cp):
    """A draft, or an agency-marked item, never reaches the read log of anyone else."""
    draft = factories.make_communication(sender=kg_cp, subject="Draft", send=False)
    page = factories.verified_client(jp_cp).get(reverse("exchange:detail", args=[draft.pk]))
    assert page.status_code == 404
    assert not ReadEvent.objects.exists()
