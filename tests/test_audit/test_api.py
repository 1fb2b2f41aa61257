from __future__ import annotations

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from tests.helpers import factories
from tests.helpers.audit import api_client

pytestmark = pytest.mark.django_db

ENTRIES = "/api/v1/audit/entries"
VERIFY = "/api/v1/audit/verify"


def _seqs(response) -> list[int]:
    return [item["seq"] for item in response.json()["items"]]


def test_japan_auditor_lists_the_entries_of_japan(chain, jp_auditor):
    response = api_client(jp_auditor).get(ENTRIES)
    assert (response.json()["count"], _seqs(response)) == (3, [5, 3, 1])


def test_partner_auditor_lists_the_entries_of_its_own_side(chain, kg_auditor):
    response = api_client(kg_auditor).get(ENTRIES)
    assert (response.json()["count"], _seqs(response)) == (2, [4, 2])


def test_entries_carry_their_hashes_and_changes(chain, kg_auditor):
    item = api_client(kg_auditor).get(f"{ENTRIES}/2").json()
    entry = AuditEntry.objects.get(seq=2)
    assert (item["entry_hash"], item["prev_hash"], item["changes"]) == (
        entry.entry_hash,
        entry.prev_hash,
        entry.changes,
    )


def test_auditor_filters_entries_by_query_parameters(chain, jp_auditor):
    response = api_client(jp_auditor).get(ENTRIES, {"action": "create", "framework": "jp-kg"})
    assert _seqs(response) == [1]


def test_limit_and_offset_page_through_the_entries(chain, jp_auditor):
    response = api_client(jp_auditor).get(ENTRIES, {"limit": 1, "offset": 1})
    assert (response.json()["count"], _seqs(response)) == (3, [3])


@pytest.mark.parametrize(
    "query",
    [{"date_from": "2024-13-45"}, {"action": "explode"}, {"limit": 0}, {"offset": -1}],
)
def test_malformed_filters_are_rejected_as_invalid_input(chain, jp_auditor, query):
    response = api_client(jp_auditor).get(ENTRIES, query)
    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")


def test_a_start_after_the_end_is_a_bad_request(chain, jp_auditor):
    query = {"date_from": "2025-02-01", "date_to": "2025-01-01"}
    assert api_client(jp_auditor).get(ENTRIES, query).status_code == 400


def test_an_own_side_entry_is_found(chain, jp_auditor):
    assert api_client(jp_auditor).get(f"{ENTRIES}/3").json()["seq"] == 3


@pytest.mark.parametrize(("auditor", "seq"), [("jp_auditor", 2), ("kg_auditor", 3)])
def test_an_entry_of_the_other_side_is_not_found(chain, request, auditor, seq):
    response = api_client(request.getfixturevalue(auditor)).get(f"{ENTRIES}/{seq}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


def test_an_entry_of_another_framework_is_not_found_for_its_partner(chain, jp_uz):
    uz_auditor = factories.make_user("uz-agency", Role.AUDITOR)
    assert api_client(uz_auditor).get(f"{ENTRIES}/2").status_code == 404


@pytest.mark.parametrize("url", [ENTRIES, VERIFY])
@pytest.mark.parametrize("user", ["jp_officer", "kg_officer"])
def test_officers_are_forbidden(chain, request, url, user):
    response = api_client(request.getfixturevalue(user)).get(url)
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


@pytest.mark.parametrize(("user", "seq"), [("jp_officer", 1), ("kg_officer", 2)])
def test_officers_do_not_find_an_entry_of_their_own_side(chain, request, user, seq):
    response = api_client(request.getfixturevalue(user)).get(f"{ENTRIES}/{seq}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")


@pytest.mark.parametrize("url", [ENTRIES, VERIFY])
def test_anonymous_is_unauthenticated(chain, url):
    assert Client().get(url).status_code == 401


def test_an_entry_is_not_found_for_anonymous_whether_or_not_it_exists(chain):
    answers = [Client().get(f"{ENTRIES}/{seq}") for seq in (1, 999999)]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].content == answers[1].content


def test_verify_reports_an_intact_chain(chain, kg_auditor):
    assert api_client(kg_auditor).get(VERIFY).json() == {
        "ok": True,
        "verified": 5,
        "broken_seq": None,
        "reason": "",
    }


def test_verify_reports_the_first_broken_entry(chain, jp_auditor):
    AuditEntry.objects.filter(seq=4).update(action="create")
    body = api_client(jp_auditor).get(VERIFY).json()
    assert (body["ok"], body["verified"], body["broken_seq"]) == (False, 3, 4)
