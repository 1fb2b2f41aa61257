"""jp-kg records of consultations, the lifecycle and suspensions, for the isolation tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sswbridge.accounts.models import Agency, Role
from tests.helpers import factories, records

PAGES: dict[str, tuple[str, Any]] = {
    "consultations:list": ("list", None),
    "consultations:create": ("list", None),
    "consultations:detail": ("object", lambda w: {"pk": w["consultation"].pk}),
    "consultations:ics": ("object", lambda w: {"pk": w["consultation"].pk}),
    "consultations:status": ("post", lambda w: {"pk": w["consultation"].pk}),
    "consultations:participant_add": ("post", lambda w: {"pk": w["consultation"].pk}),
    "consultations:agenda_add": ("post", lambda w: {"pk": w["consultation"].pk}),
    "consultations:outcome": (
        "post",
        lambda w: {"pk": w["consultation"].pk, "item_pk": w["agenda_item"].pk},
    ),
    "consultations:minutes_draft": ("post", lambda w: {"pk": w["consultation"].pk}),
    "consultations:minutes_approve": (
        "post",
        lambda w: {"pk": w["consultation"].pk, "version_pk": w["minutes"].pk},
    ),
    "consultations:action_add": ("post", lambda w: {"pk": w["consultation"].pk}),
    "consultations:action_update": (
        "post",
        lambda w: {"pk": w["consultation"].pk, "action_pk": w["action_item"].pk},
    ),
    "lifecycle:framework": ("object", lambda w: {"code": "jp-kg"}),
    "lifecycle:text": ("object", lambda w: {"pk": w["memorandum_text"].pk}),
    "lifecycle:amendment": ("object", lambda w: {"pk": w["amendment"].pk}),
    "lifecycle:amendment_consent": ("post", lambda w: {"pk": w["amendment"].pk}),
    "lifecycle:review_outcome": ("post", lambda w: {"pk": w["review"].pk}),
    "lifecycle:notice_withdraw": ("post", lambda w: {"pk": w["notice"].pk}),
    "lifecycle:notice_withdraw_consent": ("post", lambda w: {"pk": w["notice"].pk}),
    "lifecycle:review_add": ("post", lambda w: {"code": "jp-kg"}),
    "lifecycle:text_record": ("post", lambda w: {"code": "jp-kg"}),
    "lifecycle:amendment_propose": ("post", lambda w: {"code": "jp-kg"}),
    "lifecycle:notice_give": ("post", lambda w: {"code": "jp-kg"}),
    "suspensions:list": ("list", None),
    "suspensions:create": ("list", None),
    "suspensions:detail": ("object", lambda w: {"pk": w["suspension"].pk}),
    "suspensions:lift": ("post", lambda w: {"pk": w["suspension"].pk}),
    "suspensions:person_add": ("post", lambda w: {"pk": w["suspension"].pk}),
    "suspensions:person": ("object", lambda w: {"pk": w["person"].pk}),
    "suspensions:person_update": ("post", lambda w: {"pk": w["person"].pk}),
    "suspensions:dependant_add": ("post", lambda w: {"pk": w["person"].pk}),
    "suspensions:return_request": ("post", lambda w: {"pk": w["person"].pk}),
    "suspensions:returns": ("list", None),
    "suspensions:return_detail": ("object", lambda w: {"pk": w["return_request"].pk}),
    "suspensions:return_advance": ("post", lambda w: {"pk": w["return_request"].pk}),
    "suspensions:person_upload": ("object", lambda w: {"pk": w["suspension"].pk}),
    "suspensions:person_template": ("list", None),
    "suspensions:travel_request": ("post", lambda w: {"pk": w["person"].pk}),
    "suspensions:travel_advance": ("post", lambda w: {"pk": w["travel_document"].pk}),
}

C = "/api/v1/consultations"
L = "/api/v1/lifecycle"
S = "/api/v1/suspensions"


def _c(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "consultation_id": w["consultation"].pk,
        "item_id": w["agenda_item"].pk,
        "version_id": w["minutes"].pk,
        "action_id": w["action_item"].pk,
    }


# Operations marked object_body need a body; their 404 for a user of another framework is
# tested with valid bodies in tests/test_consultations/test_isolation.py.
OPERATIONS: dict[tuple[str, str], tuple[str, Any]] = {
    ("GET", C): ("list", None),
    ("POST", C): ("self", None),
    ("GET", f"{C}/action-items"): ("list", None),
    ("GET", f"{C}/{{consultation_id}}"): ("object", _c),
    ("GET", f"{C}/{{consultation_id}}/calendar.ics"): ("object", _c),
    ("GET", f"{C}/{{consultation_id}}/action-items/{{action_id}}"): ("object", _c),
    ("POST", f"{C}/{{consultation_id}}/status"): ("object_body", None),
    ("POST", f"{C}/{{consultation_id}}/participants"): ("object_body", None),
    ("POST", f"{C}/{{consultation_id}}/agenda"): ("object_body", None),
    ("POST", f"{C}/{{consultation_id}}/agenda/{{item_id}}/outcome"): ("object_body", None),
    ("POST", f"{C}/{{consultation_id}}/minutes"): ("object_body", None),
    ("POST", f"{C}/{{consultation_id}}/minutes/{{version_id}}/approve"): ("object", _c),
    ("POST", f"{C}/{{consultation_id}}/action-items"): ("object_body", None),
    ("PATCH", f"{C}/{{consultation_id}}/action-items/{{action_id}}"): ("object_body", None),
    ("GET", f"{L}/frameworks/{{code}}"): ("object", lambda w: {"code": "jp-kg"}),
    ("POST", f"{L}/frameworks/{{code}}/reviews"): ("object_body", None),
    ("POST", f"{L}/reviews/{{review_id}}/outcome"): ("object_body", None),
    ("POST", f"{L}/frameworks/{{code}}/texts"): ("object_body", None),
    ("GET", f"{L}/texts/{{text_id}}"): ("object", lambda w: {"text_id": w["memorandum_text"].pk}),
    ("POST", f"{L}/frameworks/{{code}}/amendments"): ("object_body", None),
    ("GET", f"{L}/amendments/{{amendment_id}}"): (
        "object",
        lambda w: {"amendment_id": w["amendment"].pk},
    ),
    ("POST", f"{L}/amendments/{{amendment_id}}/consent"): (
        "object",
        lambda w: {"amendment_id": w["amendment"].pk},
    ),
    ("POST", f"{L}/frameworks/{{code}}/termination-notices"): ("object_body", None),
    ("POST", f"{L}/termination-notices/{{notice_id}}/withdrawal-request"): (
        "object",
        lambda w: {"notice_id": w["notice"].pk},
    ),
    ("POST", f"{L}/termination-notices/{{notice_id}}/withdrawal-consent"): (
        "object",
        lambda w: {"notice_id": w["notice"].pk},
    ),
    ("GET", S): ("list", None),
    ("POST", S): ("self", None),
    ("GET", f"{S}/return-requests"): ("list", None),
    ("GET", f"{S}/return-requests/{{request_id}}"): (
        "object",
        lambda w: {"request_id": w["return_request"].pk},
    ),
    ("POST", f"{S}/return-requests/{{request_id}}/progress"): ("object_body", None),
    ("GET", f"{S}/persons/{{person_id}}"): ("object", lambda w: {"person_id": w["person"].pk}),
    ("PATCH", f"{S}/persons/{{person_id}}"): ("object_body", None),
    ("POST", f"{S}/persons/{{person_id}}/dependants"): ("object_body", None),
    ("POST", f"{S}/persons/{{person_id}}/return-requests"): ("object_body", None),
    ("GET", f"{S}/persons/{{person_id}}/travel-documents"): (
        "object",
        lambda w: {"person_id": w["person"].pk},
    ),
    ("POST", f"{S}/persons/{{person_id}}/travel-documents"): ("object_body", None),
    ("POST", f"{S}/travel-documents/{{document_id}}/progress"): ("object_body", None),
    ("GET", f"{S}/{{suspension_id}}"): (
        "object",
        lambda w: {"suspension_id": w["suspension"].pk},
    ),
    ("POST", f"{S}/{{suspension_id}}/lift"): ("object_body", None),
    ("POST", f"{S}/{{suspension_id}}/persons"): ("object_body", None),
    ("POST", f"{S}/{{suspension_id}}/persons/upload"): ("object_body", None),
}

SECRETS = ("Secret Consultation KG", "Secret Person KG")


def world(framework: Any) -> dict[str, Any]:
    """Made through the services, as the users make them."""
    from sswbridge.consultations import services as consultations

    jp = factories.make_user("isa", Role.CONTACT_POINT)
    kg = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    consultation = records.make_consultation(framework, actor=jp, title="Secret Consultation KG")
    agenda_item = consultations.add_agenda_item(
        actor=kg, consultation=consultation, title="Secret Consultation KG item", subjects=["b"]
    )
    minutes = consultations.draft_minutes(actor=jp, consultation=consultation, text="Minutes")
    action_item = consultations.add_action_item(
        actor=jp,
        consultation=consultation,
        title="Secret Consultation KG action",
        owner_agency=Agency.objects.get(code="kg-ceca"),
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    memorandum_text = records.make_memorandum_text(framework, actor=jp, text="Text")
    amendment = records.make_amendment(framework, actor=jp, new_text="New text")
    review = records.make_review(framework, actor=jp, title="Review")
    notice = records.make_termination_notice(framework, actor=kg)
    suspension = records.make_suspension(framework, actor=jp)
    person = records.make_affected_person(suspension, actor=jp, name="Secret Person KG")
    return_request = records.make_return_request(person, actor=jp)
    travel_document = records.make_travel_document(person, actor=kg)
    return {
        "consultation": consultation,
        "agenda_item": agenda_item,
        "minutes": minutes,
        "action_item": action_item,
        "memorandum_text": memorandum_text,
        "amendment": amendment,
        "review": review,
        "notice": notice,
        "suspension": suspension,
        "person": person,
        "return_request": return_request,
        "travel_document": travel_document,
    }
