"""jp-kg disclosure records (a request granted, with an export) for the isolation tables."""

from __future__ import annotations

from typing import Any

from sswbridge.accounts.models import Role
from tests.helpers import factories, records

PAGES: dict[str, tuple[str, Any]] = {
    "disclosure:list": ("list", None),
    "disclosure:new": ("list", None),
    "disclosure:ledger": ("list", None),
    "disclosure:detail": ("object", lambda w: {"pk": w["disclosure_request"].pk}),
    "disclosure:consent_pdf": ("object", lambda w: {"pk": w["disclosure_request"].pk}),
    "disclosure:package": ("object", lambda w: {"pk": w["disclosure"].pk}),
    "disclosure:grant": ("post", lambda w: {"pk": w["disclosure_request"].pk}),
    "disclosure:refuse": ("post", lambda w: {"pk": w["disclosure_request"].pk}),
    "disclosure:export": ("post", lambda w: {"pk": w["disclosure_request"].pk}),
}

D = "/api/v1/disclosure"


def _r(w: dict[str, Any]) -> dict[str, Any]:
    return {"request_id": w["disclosure_request"].pk}


OPERATIONS: dict[tuple[str, str], tuple[str, Any]] = {
    ("GET", f"{D}/choices/{{kind}}/{{item_id}}"): (
        "object",
        lambda w: {"kind": "communication", "item_id": w["disclosure_share"].pk},
    ),
    ("GET", f"{D}/requests"): ("list", None),
    ("POST", f"{D}/requests"): ("self", None),
    ("GET", f"{D}/requests/{{request_id}}"): ("object", _r),
    ("POST", f"{D}/requests/{{request_id}}/grant"): ("object_body", None),
    ("POST", f"{D}/requests/{{request_id}}/refuse"): ("object_body", None),
    ("GET", f"{D}/requests/{{request_id}}/consent.pdf"): ("object", _r),
    ("POST", f"{D}/requests/{{request_id}}/exports"): ("object", _r),
    ("GET", f"{D}/ledger"): ("list", None),
    ("GET", f"{D}/ledger/{{disclosure_id}}/package"): (
        "object",
        lambda w: {"disclosure_id": w["disclosure"].pk},
    ),
}

SECRETS = ("Secret Third Party KG",)


def world(framework: Any) -> dict[str, Any]:
    """Made through the services, as the users make them."""
    kg = factories.make_user("kg-ceca", Role.CONTACT_POINT)
    jp = factories.make_user("isa", Role.OFFICER)
    share = factories.make_communication(framework, sender=kg, subject="Share for disclosure")
    request = records.make_disclosure_request(
        share, actor=jp, third_party_name="Secret Third Party KG"
    )
    disclosure = records.make_disclosure(request, consenting=kg, exporting=jp)
    request.refresh_from_db()
    return {"disclosure_request": request, "disclosure": disclosure, "disclosure_share": share}
