"""The screening page, the API query, batch uploads (page and API) run as durable jobs, and
the hits API with its decision endpoint: both sides of every permission."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.core import jobs
from sswbridge.frameworks.models import Framework
from sswbridge.intermediaries.models import Intermediary
from sswbridge.screening.models import ScreeningBatch, ScreeningHit
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories

pytestmark = pytest.mark.django_db

QUERIES = "id,name,kind,country\nq1,Ak Zhol Travel Ltd,organization,KG\nq2,Nobody Here,,\n"
WATCHLIST = "id,name,kind,country\nw1,ОсОО Ак-Жол Тревел,organization,KG\nw2,Sakura KK,,JP\n"


def _bearer(user: Any) -> dict[str, str]:
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _csv(text: str, name: str = "queries.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


@pytest.fixture
def broker(jp_kg: Framework) -> Intermediary:
    return factories.make_intermediary(jp_kg)  # ОсОО Ак-Жол Тревел, both sides


def test_the_screening_page_shows_explained_candidates_with_links(broker: Intermediary) -> None:
    client = factories.verified_client(factories.make_user("isa", Role.OFFICER))
    response = client.get(reverse("screening:screen"), {"name": "Ak Zhol Travel Ltd."})
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("intermediaries:intermediary_detail", kwargs={"pk": broker.pk}) in body
    assert "legal form set aside" in body and "ОсОО Ак-Жол Тревел" in body


def test_the_screening_page_flags_a_revoked_sending_organization(jp_kg: Framework) -> None:
    factories.make_sending_organization(jp_kg, name_en="Tengri Labour LLC", status="revoked")
    client = factories.verified_client(factories.make_user("kg-ceca", Role.OFFICER))
    body = client.get(reverse("screening:screen"), {"name": "Tengri Labor"}).content.decode()
    assert 'data-testid="candidate-flag"' in body and "revoked" in body


def test_the_screening_page_shows_nothing_of_another_framework(
    broker: Intermediary, jp_uz: Framework
) -> None:
    client = factories.verified_client(factories.make_user("uz-agency", Role.OFFICER))
    body = client.get(reverse("screening:screen"), {"name": "Ak Zhol Travel"}).content.decode()
    assert 'data-testid="no-candidates"' in body and "Ак-Жол" not in body


def test_the_api_query_returns_explained_candidates_only_to_those_who_may_see(
    broker: Intermediary, jp_uz: Framework
) -> None:
    body = {"name": "Ak Zhol Travel Ltd.", "country": "KG"}
    url = "/api/v1/screening/query"
    inside = _bearer(factories.make_user("isa", Role.OFFICER))
    response = Client().post(url, body, content_type="application/json", **inside)
    (candidate,) = response.json()
    assert candidate["id"] == f"intermediary:{broker.pk}" and candidate["score"] >= 0.7
    assert candidate["explanation"]["legal_forms"] and candidate["sentences"]
    assert candidate["revoked"] is False
    outside = _bearer(factories.make_user("uz-agency", Role.OFFICER))
    assert Client().post(url, body, content_type="application/json", **outside).json() == []


def _run_jobs() -> None:
    jobs.run_due_jobs()


def test_a_batch_upload_runs_as_a_job_and_its_results_download(broker: Intermediary) -> None:
    user = factories.make_user("kg-ceca", Role.OFFICER)
    client = factories.verified_client(user)
    response = client.post(
        reverse("screening:batch_list"),
        {"queries": _csv(QUERIES), "threshold": "0.7", "limit": "5"},
    )
    record = ScreeningBatch.objects.get()
    detail = reverse("screening:batch_detail", kwargs={"pk": record.pk})
    assert response["Location"] == detail
    waiting = client.get(detail)
    assert waiting["Refresh"] == "2" and 'data-testid="batch-progress"' in waiting.content.decode()
    _run_jobs()
    done = client.get(detail)
    assert "Refresh" not in done and 'data-testid="batch-download"' in done.content.decode()
    download = client.get(reverse("screening:batch_results", kwargs={"pk": record.pk}))
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["query_id", "candidate_id", "candidate_name", "score"]
    assert [r[:3] for r in rows[1:]] == [["q1", f"intermediary:{broker.pk}", "ОсОО Ак-Жол Тревел"]]
    # Nobody else sees the batch, not even a colleague of the same agency.
    other = factories.verified_client(factories.make_user("kg-ceca", Role.OFFICER))
    assert other.get(detail).status_code == 404


def test_a_batch_against_an_uploaded_watch_list(jp_kg: Framework) -> None:
    client = factories.verified_client(factories.make_user("isa", Role.OFFICER))
    client.post(
        reverse("screening:batch_list"),
        {
            "queries": _csv(QUERIES),
            "threshold": "0.7",
            "limit": "1",
            "watchlist": _csv(WATCHLIST, "watch.csv"),
        },
    )
    _run_jobs()
    record = ScreeningBatch.objects.get()
    assert record.status == "done"
    assert record.results_csv.splitlines()[1].startswith('"q1","w1","ОсОО Ак-Жол Тревел",')
    assert len(record.results_csv.splitlines()) == 2


def test_a_bad_csv_is_refused_naming_the_line_and_nothing_is_queued(jp_kg: Framework) -> None:
    client = factories.verified_client(factories.make_user("isa", Role.OFFICER))
    bad = "id,name,kind,country\n1,Good Name,,\n2,Bad Kind,company,KG\n"
    response = client.post(
        reverse("screening:batch_list"),
        {"queries": _csv(bad), "threshold": "0.8", "limit": "3"},
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Line 3" in body and "company" in body
    assert 'value="0.8"' in body  # the other fields are kept
    assert not ScreeningBatch.objects.exists()
    missing = client.post(
        reverse("screening:batch_list"),
        {"queries": _csv("id,name\n1,x\n"), "threshold": "0.7", "limit": "5"},
    )
    assert "kind, country" in missing.content.decode()


def test_the_batch_api_upload_status_and_results(broker: Intermediary) -> None:
    user = factories.make_user("kg-ceca", Role.OFFICER)
    headers = _bearer(user)
    response = Client().post(
        "/api/v1/screening/batches",
        {"queries": _csv(QUERIES), "threshold": "0.7", "limit": "5"},
        **headers,
    )
    assert response.status_code == 202
    batch_id = response.json()["id"]
    status = Client().get(f"/api/v1/screening/batches/{batch_id}", **headers).json()
    assert (status["status"], status["queries_total"]) == ("queued", 2)
    assert (
        Client().get(f"/api/v1/screening/batches/{batch_id}/results", **headers).status_code == 409
    )
    _run_jobs()
    results = Client().get(f"/api/v1/screening/batches/{batch_id}/results", **headers)
    lines = results.content.decode().splitlines()
    assert lines[0] == '"query_id","candidate_id","candidate_name","score"' and len(lines) == 2
    outsider = _bearer(factories.make_user("kg-ceca", Role.OFFICER))
    assert Client().get(f"/api/v1/screening/batches/{batch_id}", **outsider).status_code == 404
    bad = Client().post(
        "/api/v1/screening/batches",
        {"queries": _csv("id,name,kind,country\n1,x,robot,\n")},
        **headers,
    )
    assert bad.status_code == 400 and "Line 2" in bad.json()["message"]


def test_the_hits_api_lists_and_decides_with_both_sides_of_the_permission(
    jp_kg: Framework, jp_uz: Framework, broker: Intermediary
) -> None:
    registrar = factories.make_user("kg-ceca", Role.REGISTRAR)
    org = sending_services.apply(
        actor=registrar, framework=jp_kg, name_en="Ak-Jol Travel LLC", registration_number="R-1"
    )
    hit = ScreeningHit.objects.get(subject_id=str(org.pk))
    url = f"/api/v1/screening/hits/{hit.pk}/decision"
    body = {"status": "not_match", "reason": "different owners"}
    listed = (
        Client()
        .get(
            "/api/v1/screening/hits",
            {"record": f"sending_organization:{org.pk}"},
            **_bearer(registrar),
        )
        .json()
    )
    assert [h["id"] for h in listed] == [str(hit.pk)]
    for outsider in (factories.make_user("uz-agency", Role.OFFICER), factories.make_user("isa")):
        headers = _bearer(outsider)
        assert Client().get("/api/v1/screening/hits", **headers).json() == []
        answer = Client().post(url, body, content_type="application/json", **headers)
        assert answer.status_code == 404
    auditor = _bearer(factories.make_user("kg-ceca", Role.AUDITOR))
    assert Client().post(url, body, content_type="application/json", **auditor).status_code == 403
    decided = Client().post(url, body, content_type="application/json", **_bearer(registrar))
    assert (decided.status_code, decided.json()["status"]) == (200, "not_match")
    again = Client().post(url, body, content_type="application/json", **_bearer(registrar))
    assert again.status_code == 400
