from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditAction, AuditEntry
from tests.helpers import factories
from tests.helpers.audit import add_entry

pytestmark = pytest.mark.django_db

LIST = reverse("audit:list")


def _seqs(response) -> list[int]:
    return [entry.seq for entry in response.context["page_obj"]]


def test_japan_auditor_browses_the_entries_of_japan(chain, jp_auditor):
    response = factories.verified_client(jp_auditor).get(LIST)
    assert _seqs(response) == [5, 3, 1]


def test_partner_auditor_browses_the_entries_of_its_own_side(chain, kg_auditor):
    response = factories.verified_client(kg_auditor).get(LIST)
    assert _seqs(response) == [4, 2]


def test_administrator_browses_the_trail(chain):
    admin = factories.make_user("isa", Role.ADMINISTRATOR)
    assert factories.verified_client(admin).get(LIST).status_code == 200


@pytest.mark.parametrize("role", [Role.OFFICER, Role.CONTACT_POINT, Role.REGISTRAR])
@pytest.mark.parametrize("url", [LIST, "/audit/verify/"])
def test_other_roles_are_refused_the_audit_pages(chain, role, url):
    user = factories.make_user("isa", role)
    assert factories.verified_client(user).get(url).status_code == 403


@pytest.mark.parametrize("role", [Role.OFFICER, Role.CONTACT_POINT, Role.REGISTRAR])
def test_other_roles_do_not_find_an_entry_of_their_own_side(chain, role):
    user = factories.make_user("isa", role)
    assert factories.verified_client(user).get("/audit/1/").status_code == 404


@pytest.mark.parametrize("url", [LIST, "/audit/verify/"])
def test_anonymous_is_sent_to_sign_in(client, chain, url):
    response = client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("url", ["/audit/1/", "/audit/999999/"])
def test_anonymous_gets_404_for_an_entry_whether_or_not_it_exists(client, chain, url):
    response = client.get(url)
    assert response.status_code == 404
    assert f"/accounts/login/?next={url}" in response.content.decode()


def test_system_entries_without_a_framework_are_read_by_japan_only(jp_auditor, kg_auditor):
    add_entry(None, action=AuditAction.SIGN_IN_FAILED, object_type="", object_id="")
    assert AuditEntry.objects.visible_to(jp_auditor).count() == 1
    assert AuditEntry.objects.visible_to(kg_auditor).count() == 0


def test_system_entries_about_a_framework_without_a_side_are_read_by_nobody(
    jp_kg, jp_auditor, kg_auditor
):
    add_entry(None, framework=jp_kg)
    assert not AuditEntry.objects.visible_to(jp_auditor).exists()
    assert not AuditEntry.objects.visible_to(kg_auditor).exists()


def test_inactive_auditor_reads_nothing(chain, jp_auditor):
    jp_auditor.is_active = False
    assert not AuditEntry.objects.visible_to(jp_auditor).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "OFFICER"}, [5, 3, 1]),
        ({"actor": "nobody"}, []),
        ({"action": "create"}, [1]),
        ({"object_type": "accounts.user"}, [5]),
        ({"object_id": "3"}, [3]),
        ({"framework": "jp-kg"}, [3, 1]),
    ],
)
def test_auditor_filters_the_trail(chain, jp_auditor, query, expected):
    response = factories.verified_client(jp_auditor).get(LIST, query)
    assert _seqs(response) == expected


def test_auditor_filters_by_date(chain, jp_auditor):
    AuditEntry.objects.filter(seq=1).update(created_at=timezone.now() - dt.timedelta(days=10))
    today = timezone.localdate().isoformat()
    response = factories.verified_client(jp_auditor).get(LIST, {"date_from": today})
    assert _seqs(response) == [5, 3]


def test_auditor_filters_up_to_a_day_inclusive(chain, jp_auditor):
    AuditEntry.objects.filter(seq=1).update(created_at=timezone.now() - dt.timedelta(days=10))
    day = (timezone.localdate() - dt.timedelta(days=10)).isoformat()
    response = factories.verified_client(jp_auditor).get(LIST, {"date_to": day})
    assert _seqs(response) == [1]


def test_a_malformed_date_is_a_clear_error_not_a_crash(chain, jp_auditor):
    response = factories.verified_client(jp_auditor).get(LIST, {"date_from": "2024-13-45"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_a_start_after_the_end_is_a_clear_error(chain, jp_auditor):
    query = {"date_from": "2025-02-01", "date_to": "2025-01-01"}
    response = factories.verified_client(jp_auditor).get(LIST, query)
    assert "The start date must not be after the end date." in response.content.decode()


def test_list_shows_the_changes_before_and_after(chain, jp_auditor):
    add_entry(jp_auditor, changes={"status": ["approved", "revoked"]})
    html = factories.verified_client(jp_auditor).get(LIST).content.decode()
    assert "<td>approved</td><td>revoked</td>" in html


def test_the_trail_is_paginated_by_fifty_keeping_the_filter(jp_kg, jp_auditor):
    for _ in range(60):
        add_entry(jp_auditor, framework=jp_kg)
    response = factories.verified_client(jp_auditor).get(LIST, {"action": "update"})
    assert len(_seqs(response)) == 50
    assert 'href="?action=update&amp;page=2"' in response.content.decode()


def test_second_page_holds_the_rest(jp_kg, jp_auditor):
    for _ in range(60):
        add_entry(jp_auditor, framework=jp_kg)
    response = factories.verified_client(jp_auditor).get(LIST, {"page": 2})
    assert _seqs(response) == list(range(10, 0, -1))


def _queries_for_list(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_page_does_not_grow_queries_with_the_number_of_entries(jp_kg, jp_auditor):
    client = factories.verified_client(jp_auditor)
    add_entry(jp_auditor, framework=jp_kg)
    few = _queries_for_list(client)
    for _ in range(49):
        add_entry(jp_auditor, framework=jp_kg, changes={"a": [1, 2], "b": ["x", "y"]})
    assert _queries_for_list(client) == few


def test_detail_shows_the_hashes(chain, jp_auditor):
    entry = AuditEntry.objects.get(seq=3)
    html = factories.verified_client(jp_auditor).get(f"/audit/{entry.seq}/").content.decode()
    assert entry.entry_hash in html and entry.prev_hash in html


def test_an_entry_of_the_other_side_is_not_found(chain, kg_auditor):
    assert factories.verified_client(kg_auditor).get("/audit/3/").status_code == 404


def test_an_entry_of_the_other_framework_is_not_found_for_its_partner(chain, jp_uz):
    uz_auditor = factories.make_user("uz-agency", Role.AUDITOR)
    assert factories.verified_client(uz_auditor).get("/audit/2/").status_code == 404


def test_verify_page_says_the_chain_is_intact(chain, jp_auditor):
    html = factories.verified_client(jp_auditor).get("/audit/verify/").content.decode()
    assert "Verified 5 audit entries; the chain is intact." in html


def test_verify_page_names_the_first_broken_entry(chain, jp_auditor):
    AuditEntry.objects.filter(seq=2).update(object_id="22")
    html = factories.verified_client(jp_auditor).get("/audit/verify/").content.decode()
    assert "The chain is broken at entry #2" in html
