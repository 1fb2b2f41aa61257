"""How the matrix calls a route: its URL from the world, a placeholder body that passes the
API's schema validation (so the handler, and its permission check, is reached), and the
outcome of the answer.

Nothing a request does survives it: each runs inside `transaction.atomic()` that is rolled
back (`set_rollback(True)`), so every user meets the same world.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from sswbridge.api.api import api
from tests.helpers.isolation import world_merges

LOGIN = reverse("accounts:login")
OTP = reverse("accounts:otp")

# Path parameters of the API, by name → a value of the world.
PARAMS: dict[str, Any] = {
    "code": lambda w: "jp-kg",
    "country": lambda w: "kg",
    "kind": lambda w: "inquiry",
    "number": lambda w: w["support_organization"].registration_number,
    "seq": lambda w: w["audit"].seq,
    "token_id": lambda w: w["kg_token"].pk,
    "import_id": lambda w: w["support_import"].pk,
    "intermediary_id": lambda w: w["intermediary"].pk,
    "organization_id": lambda w: w["organization"].pk,
    "criterion_id": lambda w: w["criterion"].pk,
    "order_id": lambda w: w["order"].pk,
    "publication_id": lambda w: w["publication"].pk,
    "investigation_id": lambda w: w["investigation"].pk,
    "communication_id": lambda w: w["communication"].pk,
    "attachment_id": lambda w: w["attachment"].pk,
    "notification_id": lambda w: w["notification"].pk,
    "case_id": lambda w: w["case"].pk,
    "task_id": lambda w: w["task"].pk,
    "evidence_id": lambda w: w["evidence"].pk,
    "consultation_id": lambda w: w["consultation"].pk,
    "item_id": lambda w: w["agenda_item"].pk,
    "version_id": lambda w: w["minutes"].pk,
    "action_id": lambda w: w["action_item"].pk,
    "review_id": lambda w: w["review"].pk,
    "text_id": lambda w: w["memorandum_text"].pk,
    "amendment_id": lambda w: w["amendment"].pk,
    "notice_id": lambda w: w["notice"].pk,
    "suspension_id": lambda w: w["suspension"].pk,
    "person_id": lambda w: w["person"].pk,
    "request_id": lambda w: w["return_request"].pk,
    "document_id": lambda w: w["travel_document"].pk,
    "merge_id": lambda w: world_merges.merge(w).pk,
    "batch_id": lambda w: w["screening_batch"].pk,
    "hit_id": lambda w: w["screening_hit"].pk,
}

# Body fields that name a record: the placeholder names the world's.
FIELDS: dict[str, Any] = {
    "framework": lambda w: "jp-kg",
    "intermediary": lambda w: str(w["intermediary"].pk),
    "sending_organization": lambda w: str(w["organization"].pk),
    "organization": lambda w: str(w["organization"].pk),
    "communication": lambda w: str(w["communication"].pk),
    "notice": lambda w: str(w["communication"].pk),
}


C, R = "/api/v1/consultations", "/api/v1/registry"
# Operations whose placeholder from the schema would be refused for everyone before the
# permission check (a kind, a code or a record the handler looks up first): a body that
# gets that far. The service's own content rules may still answer 400.
BODIES: dict[tuple[str, str], Any] = {
    ("POST", C): lambda w: {
        "framework": "jp-kg",
        "title": "Matrix",
        "kind": "ad_hoc",
        "starts_at": "2026-05-01T10:00:00+09:00",
        "place": "Tokyo",
    },
    ("POST", f"{C}/{{consultation_id}}/action-items"): lambda w: {
        "title": "Matrix",
        "owner_agency": "kg-ceca",
        "due_date": "2026-06-01",
    },
    ("POST", f"{C}/{{consultation_id}}/agenda"): lambda w: {"title": "Matrix", "subjects": ["b"]},
    ("POST", f"{C}/{{consultation_id}}/participants"): lambda w: {"side": "JP", "name": "M"},
    ("POST", "/api/v1/exchange/communications"): lambda w: {
        "framework": "jp-kg",
        "kind": "inquiry",
        "subject": "Matrix",
        "body": "Matrix",
    },
    ("POST", f"{R}/intermediaries"): lambda w: {
        "framework": "jp-kg",
        "kind": "corporation",
        "country": "KG",
        "names": [{"value": "Matrix LLC", "script": "Latn", "language": "en"}],
    },
    ("POST", f"{R}/intermediaries/{{intermediary_id}}/links"): lambda w: {
        "person": str(w["person_intermediary"].pk),
        "relation": "director",
    },
    ("POST", f"{R}/sending-organizations/{{organization_id}}/decision"): lambda w: {
        "decision": "refuse",
        "reasons": "Matrix",
    },
    ("POST", f"{R}/sending-organizations/{{organization_id}}/examination"): lambda w: {
        "criterion": str(w["criterion"].pk),
        "met": True,
    },
    ("POST", f"{R}/duplicates/dismiss"): lambda w: {
        "first": str(w["intermediary"].pk),
        "second": str(w["person_intermediary"].pk),
    },
    ("POST", f"{R}/merges"): lambda w: {
        "target": str(w["intermediary"].pk),
        "source": str(w["person_intermediary"].pk),
        "reason": "Matrix",
    },
    ("POST", "/api/v1/suspensions"): lambda w: {
        "framework": "jp-kg",
        "field": "construction",
        "starts_on": "2026-05-01",
        "legal_basis": "Article 7-2",
        "scope": "Matrix",
    },
    ("POST", "/api/v1/screening/hits/{hit_id}/decision"): lambda w: {"status": "match"},
    ("POST", "/api/v1/disclosure/requests/{request_id}/grant"): lambda w: {
        "expires_on": "2099-12-31"
    },
    ("PUT", "/api/v1/retention/periods"): lambda w: {"kind": _retention_kind(), "days": 3650},
    ("POST", "/api/v1/cases/{case_id}/communications"): lambda w: {
        "communication_id": str(w["communication"].pk)
    },
}


def _retention_kind() -> str:
    from sswbridge.retention.catalogue import RetentionKind

    return str(RetentionKind.values[0])


def api_path(path: str, world: dict[str, Any], builder: Any = None) -> str:
    values = builder(world) if builder else {}

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return str(values[name])
        if name not in PARAMS:
            raise LookupError(f"{path}: add the path parameter {name!r} to calls.PARAMS")
        return str(PARAMS[name](world))

    return re.sub(r"\{(\w+)\}", value, path)


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        schema = _resolve(options[0], components) if options else {"type": "null"}
    if "allOf" in schema and len(schema["allOf"]) == 1:
        schema = _resolve(schema["allOf"][0], components)
    return schema


def _sample(name: str, schema: dict[str, Any], components: dict[str, Any], w: Any) -> Any:
    if name in FIELDS:
        return FIELDS[name](w)
    schema = _resolve(schema, components)
    if "default" in schema:
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    fmt = schema.get("format", "")
    if kind == "object" or "properties" in schema:
        required = schema.get("required", [])
        props = schema.get("properties", {})
        return {k: _sample(k, props[k], components, w) for k in required}
    if kind == "array":
        count = max(1, schema.get("minItems", 0)) if schema.get("minItems") else 0
        return [_sample(name, schema.get("items", {}), components, w) for _ in range(count)]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if fmt == "date":
        return "2026-05-01"
    if fmt == "date-time":
        return "2026-05-01T10:00:00+09:00"
    if fmt == "email":
        return "someone@example.test"
    if fmt == "uuid":
        return "00000000-0000-4000-8000-000000000000"
    if fmt == "binary":
        return SimpleUploadedFile("matrix.pdf", b"%PDF-1.4 matrix", "application/pdf")
    return "x" * max(1, schema.get("minLength", 1))


@functools.cache
def _openapi() -> dict[str, Any]:
    return dict(api.get_openapi_schema())


def placeholder_body(method: str, path: str, world: Any) -> tuple[str, Any] | None:
    """(content type, body) built from the OpenAPI description, or None without a body."""
    if (method, path) in BODIES:
        return "application/json", BODIES[(method, path)](world)
    spec = _openapi()
    operation = spec["paths"][path][method.lower()]
    content = operation.get("requestBody", {}).get("content", {})
    components = spec.get("components", {}).get("schemas", {})
    if "application/json" in content:
        return "application/json", _sample(
            "", content["application/json"]["schema"], components, world
        )
    if "multipart/form-data" in content:
        schema = _resolve(content["multipart/form-data"]["schema"], components)
        props = schema.get("properties", {})
        data = {k: _sample(k, props[k], components, world) for k in schema.get("required", [])}
        for k, prop in props.items():
            if k not in data and _resolve(prop, components).get("type") == "array":
                data[k] = [_sample(k, _resolve(prop, components)["items"], components, world)]
        return "multipart/form-data", data
    return None


def call(
    client: Client, method: str, url: str, body: tuple[str, Any] | None = None
) -> HttpResponse:
    """One request whose writes are rolled back; the client keeps its session (signing out
    is rolled back too)."""
    cookies = copy.copy(client.cookies)
    with transaction.atomic():
        if body is None:
            response = client.generic(method, url)
        elif body[0] == "multipart/form-data":
            assert method == "POST", "multipart bodies are posted"
            _rewind(body[1])
            response = client.post(url, body[1])
        else:
            response = client.generic(method, url, data=_json(body[1]), content_type=body[0])
        transaction.set_rollback(True)
    client.cookies = cookies
    return response  # type: ignore[no-any-return]


def _rewind(data: dict[str, Any]) -> None:
    for value in data.values():
        for item in value if isinstance(value, list) else [value]:
            if hasattr(item, "seek"):
                item.seek(0)


def _json(value: Any) -> str:
    import json

    return json.dumps(value)


def outcome(response: HttpResponse, *, api_route: bool) -> str:
    status = response.status_code
    if status in (403, 404):
        return str(status)
    if api_route:
        if status == 401:
            unauthenticated = b'"code": "unauthenticated"' in response.content
            return "login" if unauthenticated else _failed(response)
        if status < 400 or status in (400, 409):
            return "ok"
        return _failed(response)
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith((LOGIN, OTP)):
            return "login"
        return "ok"
    if status < 300 or status == 400:
        return "ok"
    return _failed(response)


def _failed(response: HttpResponse) -> str:
    exc_info = getattr(response, "exc_info", None)
    if exc_info:
        return f"{response.status_code} {exc_info[0].__name__}: {exc_info[1]}"[:300]
    return f"{response.status_code} {response.content[:200]!r}"
