"""Entity resolution through the API and the pages, with both sides of every permission."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.intermediaries.models import IntermediaryMerge, IntermediaryStatus
from tests.helpers import factories
from tests.helpers.api import RegistryApi as Api
from tests.helpers.intermediaries import report

pytestmark = pytest.mark.django_db

CYRILLIC = [{"value": "ОсОО Ак-Жол Тревел", "script": "Cyrl", "language": "ky"}]
LATIN = [{"value": "Ak Zhol Travel LLC", "script": "Latn", "language": "en"}]


@pytest.fixture
def pair(kg_cp, jp_kg) -> tuple[Any, Any]:
    a = report(kg_cp, jp_kg, names=CYRILLIC, identifiers=[])
    b = report(kg_cp, jp_kg, names=LATIN, identifiers=[])
    return a, b


@pytest.fixture
def kg_reg(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.REGISTRAR, username="kg_reg")


@pytest.fixture
def uz_reg(jp_uz):  # type: ignore[no-untyped-def]
    return factories.make_user("uz-agency", Role.REGISTRAR, username="uz_reg")


# --- API -----------------------------------------------------------------------------------


def test_api_lists_suggestions_with_score_and_explanation(pair, kg_reg, uz_reg):
    a, b = pair
    body = Api(kg_reg).get("/duplicates").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["target"]["id"], item["source"]["id"]) == (str(a.pk), str(b.pk))
    assert item["score"] >= body["threshold"] and item["sentences"] and item["explanation"]
    assert Api(kg_reg).get("/duplicates", intermediary=str(b.pk)).json()["count"] == 1
    assert Api(uz_reg).get("/duplicates").json()["count"] == 0
    assert Api(uz_reg).get("/duplicates", intermediary=str(a.pk)).status_code == 404


def test_api_merge_and_undo(pair, kg_reg):
    a, b = pair
    api = Api(kg_reg)
    response = api.post("/merges", {"target": str(a.pk), "source": str(b.pk), "reason": "Same"})
    assert response.status_code == 201, response.content
    merge = response.json()
    assert merge["target"]["id"] == str(a.pk) and merge["source"]["status"] == "merged"
    assert len(merge["moved"]["names"]) == 1 and merge["merged_by"] == "kg_reg"
    assert api.get(f"/intermediaries/{b.pk}").status_code == 200  # kept, merged
    assert str(b.pk) not in api.get("/intermediaries").content.decode()
    assert api.get(f"/merges/{merge['id']}").json()["undone"] is False
    assert api.get("/merges").json()["count"] == 1

    undone = api.post(f"/merges/{merge['id']}/undo", {"reason": "Two firms"})
    assert undone.status_code == 200, undone.content
    assert undone.json()["undone"] is True and undone.json()["restored"]["names"]
    b.refresh_from_db()
    assert b.status == IntermediaryStatus.ACTIVE and b.names.count() == 1

    again = api.post(f"/merges/{merge['id']}/undo", {})
    assert again.status_code == 409
    assert again.json()["code"] == "already_undone"
    assert "already undone" in again.json()["message"]


def test_api_merging_a_merged_record_is_a_conflict(pair, kg_reg, kg_cp, jp_kg):
    a, b = pair
    api = Api(kg_reg)
    api.post("/merges", {"target": str(a.pk), "source": str(b.pk), "reason": "Same"})
    c = report(kg_cp, jp_kg, names=LATIN, identifiers=[])
    response = api.post("/merges", {"target": str(c.pk), "source": str(b.pk), "reason": "Same"})
    assert response.status_code == 409 and response.json()["code"] == "already_merged"


@pytest.mark.parametrize("role", [Role.OFFICER, Role.AUDITOR, Role.ADMINISTRATOR])
def test_api_roles_that_may_not_merge_get_403(pair, kg_reg, jp_kg, role):
    a, b = pair
    api = Api(factories.make_user("kg-ceca", role))
    body = {"target": str(a.pk), "source": str(b.pk), "reason": "Same"}
    assert api.post("/merges", body).status_code == 403
    dismiss = {"first": str(a.pk), "second": str(b.pk)}
    assert api.post("/duplicates/dismiss", dismiss).status_code == 403
    merge = Api(kg_reg).post("/merges", body).json()
    response = api.post(f"/merges/{merge['id']}/undo", {})
    assert response.status_code == 403 and response.json()["code"] == "role_may_not_merge"


def test_api_other_framework_gets_404_with_valid_bodies(pair, kg_reg, uz_reg):
    a, b = pair
    api = Api(uz_reg)
    body = {"target": str(a.pk), "source": str(b.pk), "reason": "Same"}
    assert api.post("/merges", body).status_code == 404
    assert (
        api.post("/duplicates/dismiss", {"first": str(a.pk), "second": str(b.pk)}).status_code
        == 404
    )
    merge = Api(kg_reg).post("/merges", body).json()
    assert api.get(f"/merges/{merge['id']}").status_code == 404
    assert api.post(f"/merges/{merge['id']}/undo", {}).status_code == 404
    assert api.get("/merges").json()["count"] == 0
    assert not IntermediaryMerge.objects.filter(undone_at__isnull=False).exists()


def test_api_dismiss_silences_the_pair(pair, kg_reg):
    a, b = pair
    api = Api(kg_reg)
    response = api.post("/duplicates/dismiss", {"first": str(b.pk), "second": str(a.pk)})
    assert response.status_code == 201, response.content
    assert api.get("/duplicates").json()["count"] == 0


# --- pages ---------------------------------------------------------------------------------


def test_pages_suggest_merge_show_merged_and_undo(pair, kg_reg):
    a, b = pair
    client = factories.verified_client(kg_reg)
    listing = client.get(reverse("intermediaries:duplicate_list")).content.decode()
    merge_url = reverse("intermediaries:intermediary_merge", args=[a.pk, b.pk])
    assert merge_url in listing and "Ak Zhol Travel LLC" in listing
    detail = client.get(reverse("intermediaries:intermediary_detail", args=[b.pk])).content.decode()
    assert "Possible duplicates" in detail and merge_url in detail

    confirm = client.get(merge_url)
    assert confirm.status_code == 200 and b"confirm-merge" in confirm.content
    assert not IntermediaryMerge.objects.exists()  # nothing happens before the confirmation
    refused = client.post(merge_url, {"reason": ""})
    assert refused.status_code == 200 and not IntermediaryMerge.objects.exists()
    done = client.post(merge_url, {"reason": "Same firm"})
    assert done.status_code == 302
    merge = IntermediaryMerge.objects.get()
    assert merge.score is not None

    merged_page = client.get(reverse("intermediaries:intermediary_detail", args=[b.pk]))
    assert b"merged-into" in merged_page.content
    assert (
        reverse("intermediaries:intermediary_detail", args=[a.pk]).encode() in merged_page.content
    )
    assert b"intermediaries:intermediary_merge" not in merged_page.content
    kept_page = client.get(reverse("intermediaries:intermediary_detail", args=[a.pk])).content
    assert b"Ak Zhol Travel LLC" in kept_page
    assert reverse("intermediaries:merge_detail", args=[merge.pk]).encode() in kept_page
    listing = client.get(reverse("intermediaries:intermediary_list")).content.decode()
    assert str(a.pk) in listing and str(b.pk) not in listing

    undo_url = reverse("intermediaries:merge_undo", args=[merge.pk])
    assert client.get(reverse("intermediaries:merge_detail", args=[merge.pk])).status_code == 200
    assert client.post(undo_url, {"reason": "Two firms"}).status_code == 302
    b.refresh_from_db()
    assert b.merged_into is None
    again = client.post(undo_url, {"reason": ""})
    assert again.status_code == 200 and b"already undone" in again.content


def test_page_not_the_same_silences_the_pair(pair, kg_reg):
    a, b = pair
    client = factories.verified_client(kg_reg)
    url = reverse("intermediaries:intermediary_not_duplicate", args=[a.pk, b.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "Different owners"}).status_code == 302
    listing = client.get(reverse("intermediaries:duplicate_list")).content.decode()
    assert reverse("intermediaries:intermediary_merge", args=[a.pk, b.pk]) not in listing


@pytest.mark.parametrize("role", [Role.OFFICER, Role.AUDITOR, Role.ADMINISTRATOR])
def test_pages_refuse_roles_that_may_not_merge(pair, kg_reg, jp_kg, role):
    a, b = pair
    client = factories.verified_client(factories.make_user("kg-ceca", role))
    merge_url = reverse("intermediaries:intermediary_merge", args=[a.pk, b.pk])
    assert client.get(reverse("intermediaries:duplicate_list")).status_code == 200
    assert merge_url not in client.get(reverse("intermediaries:duplicate_list")).content.decode()
    assert client.get(merge_url).status_code == 403
    assert client.post(merge_url, {"reason": "Same"}).status_code == 403
    url = reverse("intermediaries:intermediary_not_duplicate", args=[a.pk, b.pk])
    assert client.post(url, {"reason": ""}).status_code == 403
    factories.verified_client(kg_reg).post(merge_url, {"reason": "Same"})
    merge = IntermediaryMerge.objects.get()
    assert client.post(reverse("intermediaries:merge_undo", args=[merge.pk])).status_code == 403
    assert IntermediaryMerge.objects.get().undone_at is None


def test_pages_of_another_framework_answer_404(pair, kg_reg, uz_reg):
    a, b = pair
    client = factories.verified_client(uz_reg)
    assert (
        client.get(reverse("intermediaries:intermediary_merge", args=[a.pk, b.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("intermediaries:intermediary_not_duplicate", args=[a.pk, b.pk])
        ).status_code
        == 404
    )
    factories.verified_client(kg_reg).post(
        reverse("intermediaries:intermediary_merge", args=[a.pk, b.pk]), {"reason": "Same"}
    )
    merge = IntermediaryMerge.objects.get()
    assert client.get(reverse("intermediaries:merge_detail", args=[merge.pk])).status_code == 404
    assert client.post(reverse("intermediaries:merge_undo", args=[merge.pk])).status_code == 404
    assert "Ak Zhol" not in client.get(reverse("intermediaries:duplicate_list")).content.decode()
