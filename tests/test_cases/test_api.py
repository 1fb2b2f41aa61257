from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.audit.models import AuditEntry
from sswbridge.cases import services
from sswbridge.cases.models import Evidence
from tests.helpers import factories
from tests.helpers.cases import PDF

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cases"


class Api:
    def __init__(self, user: Any) -> None:
        raw, fields = ApiToken.generate()
        ApiToken.objects.create(user=user, **fields)
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(BASE + path, params)

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(BASE + path, data or {}, content_type="application/json")

    def upload(self, path: str, name: str, content: bytes) -> Any:
        return self.client.post(BASE + path, {"file": SimpleUploadedFile(name, content)})


def test_a_case_is_worked_and_closed_through_the_api(kg_cp, kg_officer):
    kg, officer = Api(kg_cp), Api(kg_officer)
    created = kg.post("", {"framework": "jp-kg", "title": "Deposits", "subject_type": "other"})
    assert created.status_code == 201
    cid = created.json()["id"]
    assert officer.post(f"/{cid}/status", {"status": "under_investigation"}).status_code == 200
    task = officer.post(f"/{cid}/tasks", {"title": "Visit", "due_date": "2026-06-01"}).json()
    assert officer.post(f"/{cid}/tasks/{task['id']}/complete").json()["status"] == "done"
    assert officer.post(f"/{cid}/notes", {"text": "Seen"}).status_code == 201
    closed = officer.post(f"/{cid}/close", {"outcome": "referred", "decision": "To police."})
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "referred")
    detail = kg.get(f"/{cid}").json()
    assert (len(detail["tasks"]), len(detail["notes"])) == (1, 1)
    assert [item["kind"] for item in kg.get(f"/{cid}/timeline").json()][-1] == "closed"
    assert kg.post(f"/{cid}/reopen").json()["status"] == "open"


def test_a_backward_move_is_refused_with_409_and_a_code(case, kg_officer):
    api = Api(kg_officer)
    api.post(f"/{case.pk}/status", {"status": "awaiting_other_side"})
    response = api.post(f"/{case.pk}/status", {"status": "open"})
    assert (response.status_code, response.json()["code"]) == (409, "status_move_not_allowed")


def test_closing_without_an_outcome_is_refused(case, kg_officer):
    response = Api(kg_officer).post(f"/{case.pk}/close", {"decision": "x"})
    assert response.status_code == 422


def test_an_auditor_gets_403_on_writes(case, kg_auditor):
    response = Api(kg_auditor).post(f"/{case.pk}/notes", {"text": "x"})
    assert (response.status_code, response.json()["code"]) == (403, "role_may_not_write")


def test_an_auditor_cannot_open_a_case(kg_auditor):
    api = Api(kg_auditor)
    response = api.post("", {"framework": "jp-kg", "title": "x", "subject_type": "other"})
    assert response.status_code == 403


def test_the_list_filters_and_holds_only_visible_cases(case, shared_case, jp_cp):
    api = Api(jp_cp)
    assert [c["id"] for c in api.get("").json()["items"]] == [str(shared_case.pk)]
    assert api.get("", subject_type="intermediary").json()["count"] == 0


def test_evidence_is_uploaded_and_downloaded_with_a_log(case, kg_officer):
    api = Api(kg_officer)
    uploaded = api.upload(f"/{case.pk}/evidence", "scan.pdf", PDF)
    assert uploaded.status_code == 201
    assert uploaded.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
    download = api.get(f"/{case.pk}/evidence/{uploaded.json()['id']}")
    assert b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(changes={"download": "scan.pdf"}).count() == 1


def test_a_fake_pdf_upload_is_refused_with_400(case, kg_officer):
    response = Api(kg_officer).upload(f"/{case.pk}/evidence", "fake.pdf", b"plain text")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_input")
    assert not Evidence.objects.exists()


def test_a_communication_is_linked_through_the_api(case, kg_cp):
    communication = factories.make_communication(sender=kg_cp)
    api = Api(kg_cp)
    response = api.post(f"/{case.pk}/communications", {"communication_id": str(communication.pk)})
    assert response.status_code == 201
    assert api.get(f"/{case.pk}").json()["communications"] == [str(communication.pk)]


def test_the_case_of_a_communication_is_found_through_the_api(case, kg_cp, uz_cp):
    communication = factories.make_communication(sender=kg_cp)
    other = factories.make_communication(sender=kg_cp, subject="Not in a case")
    services.link_communication(actor=kg_cp, case=case, communication=communication)
    api = Api(kg_cp)
    found = api.get("", communication=str(communication.pk)).json()
    assert [item["id"] for item in found["items"]] == [str(case.pk)]
    assert api.get("", communication=str(other.pk)).json()["count"] == 0
    # A user of another framework finds nothing, even with the right id.
    assert Api(uz_cp).get("", communication=str(communication.pk)).json()["count"] == 0


def test_an_owner_by_unknown_username_is_refused(case, kg_cp):
    response = Api(kg_cp).post(f"/{case.pk}/tasks", {"title": "x", "owner": "nobody"})
    assert response.status_code == 400


# The endpoints that need a body: a user of another framework gets 404 with a valid one.
BODIES = [
    ("/status", {"status": "under_investigation"}),
    ("/close", {"outcome": "no_action", "decision": "x"}),
    ("/tasks", {"title": "x"}),
    ("/notes", {"text": "x"}),
    ("/communications", {"communication_id": "00000000-0000-0000-0000-000000000000"}),
]


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize(("path", "body"), BODIES)
def test_a_second_framework_user_gets_404_with_a_valid_body(shared_case, jp_uz, path, body, role):
    api = Api(factories.make_user("uz-agency", role))
    assert api.post(f"/{shared_case.pk}{path}", body).status_code == 404


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_a_second_framework_user_gets_404_for_an_upload(shared_case, jp_uz, role):
    api = Api(factories.make_user("uz-agency", role))
    assert api.upload(f"/{shared_case.pk}/evidence", "a.pdf", PDF).status_code == 404
    assert not Evidence.objects.exists()


def test_the_other_side_gets_404_for_an_internal_case(case, jp_cp):
    assert Api(jp_cp).get(f"/{case.pk}").status_code == 404


def test_a_task_of_another_case_is_404(case, shared_case, kg_cp):
    task = services.add_task(actor=kg_cp, case=shared_case, title="Other")
    response = Api(kg_cp).post(f"/{case.pk}/tasks/{task.pk}/complete")
    assert response.status_code == 404
