"""The API as a contract for the ministries' own systems (issue 15, points 1 and 2).

- /api/v1/openapi.json is a valid OpenAPI 3.1 document (`openapi-spec-validator`), so the
  generators of integrators accept it (tests/test_api_generated_client.py runs one).
- Every operation has an explicit, readable id, `<tag>_<action>`, and one tag, its domain.
- docs/api-operations.json, committed, lists every operation (id, method, path). An
  operation that disappears or is renamed fails here until the snapshot is updated and the
  old id moved to the snapshot's `retired`, which docs/api-changelog.md must name; an id
  that was ever in the committed snapshot cannot silently vanish from it (git history).
  To rewrite the `operations` part after a deliberate change:
  `SSWBRIDGE_UPDATE_API_SNAPSHOT=1 uv run pytest -p no:xdist tests/test_api_contract.py`.
- A deprecated operation says so in the document and answers with `Deprecation` and
  `Sunset` headers (sswbridge/core/deprecation.py; exercised on a test-only router).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from ninja import Router
from ninja.testing import TestClient
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator

from sswbridge.core.deprecation import deprecated

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "docs" / "api-operations.json"
CHANGELOG = ROOT / "docs" / "api-changelog.md"
METHODS = ("get", "put", "post", "patch", "delete", "head", "options")
OPERATION_ID = re.compile(r"^[a-z]+_[a-z0-9_]+$")


def _document() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                found.append({"method": method.upper(), "path": path, **operation})
    return found


def _live() -> list[dict[str, str]]:
    rows = [
        {"operation_id": op["operationId"], "method": op["method"], "path": op["path"]}
        for op in _operations(_document())
    ]
    return sorted(rows, key=lambda row: row["operation_id"])


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return data


def test_the_document_is_valid_openapi_3_1() -> None:
    document = _document()
    assert document["openapi"].startswith("3.1")
    errors = [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in OpenAPIV31SpecValidator(document).iter_errors()
    ]
    assert errors == []
    validate(document)  # and the library's own entry point agrees


def test_every_operation_has_an_explicit_id_and_one_tag_its_domain() -> None:
    operations = _operations(_document())
    assert len(operations) > 100
    bad = [
        (op["method"], op["path"], op.get("operationId"), op.get("tags"))
        for op in operations
        if not OPERATION_ID.match(op.get("operationId", ""))
        or op["operationId"].startswith("sswbridge_")
        or len(op.get("tags") or []) != 1
        or not op["operationId"].startswith(op["tags"][0] + "_")
    ]
    assert bad == []
    ids = [op["operationId"] for op in operations]
    assert len(ids) == len(set(ids))


def test_the_issue_names_its_examples() -> None:
    ids = {op["operationId"] for op in _operations(_document())}
    assert {"exchange_list_inbox", "exchange_acknowledge_communication"} <= ids


def test_the_operations_match_the_committed_snapshot(snapshot: dict[str, Any]) -> None:
    live = _live()
    if os.environ.get("SSWBRIDGE_UPDATE_API_SNAPSHOT"):
        snapshot = {**snapshot, "operations": live}
        SNAPSHOT.write_text(json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n", "utf-8")
    committed = {row["operation_id"]: row for row in snapshot["operations"]}
    current = {row["operation_id"]: row for row in live}
    gone = sorted(set(committed) - set(current))
    new = sorted(set(current) - set(committed))
    moved = sorted(i for i in set(committed) & set(current) if committed[i] != current[i])
    assert (gone, new, moved) == ([], [], []), (
        "The API's operations differ from docs/api-operations.json: an operation that "
        "disappears or is renamed needs its old id under `retired` and an entry in "
        "docs/api-changelog.md (see the docstring of this module to rewrite the snapshot)."
    )


def test_retired_operations_are_gone_and_in_the_changelog(snapshot: dict[str, Any]) -> None:
    changelog = CHANGELOG.read_text(encoding="utf-8")
    current = {row["operation_id"] for row in snapshot["operations"]}
    retired = set(snapshot["retired"])
    assert retired & current == set()
    assert sorted(i for i in retired if f"`{i}`" not in changelog) == []


def _ids_ever_committed() -> set[str] | None:
    try:
        log = subprocess.run(
            ["git", "log", "--format=", "-p", "--", str(SNAPSHOT.relative_to(ROOT))],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return set(re.findall(r'^[-+ ]\s*"operation_id": "([a-z0-9_]+)"', log, re.MULTILINE))


def test_no_committed_operation_vanishes_without_being_retired(
    snapshot: dict[str, Any],
) -> None:
    ever = _ids_ever_committed()
    if ever is None:
        pytest.skip("not a git checkout")
    known = {row["operation_id"] for row in snapshot["operations"]} | set(snapshot["retired"])
    assert sorted(ever - known) == []


# A test-only router: no operation of /api/v1 is deprecated today.
probe = Router()


@probe.get("/old", operation_id="probe_old")
@deprecated(since=dt.date(2027, 1, 1), sunset=dt.date(2027, 7, 1), successor="probe_new")
def old(request: Any) -> dict[str, str]:
    return {"ok": "yes"}


@probe.get("/new", operation_id="probe_new")
def new(request: Any) -> dict[str, str]:
    return {"ok": "yes"}


def test_a_deprecated_operation_answers_with_deprecation_and_sunset_headers() -> None:
    client = TestClient(probe)
    answer = client.get("/old")
    assert (answer.status_code, answer.json()) == (200, {"ok": "yes"})
    assert answer["Deprecation"] == "@1798761600"  # 2027-01-01T00:00:00Z
    assert answer["Sunset"] == "Thu, 01 Jul 2027 00:00:00 GMT"
    assert answer["Link"] == '</api/v1/openapi.json#probe_new>; rel="successor-version"'
    current = client.get("/new")
    assert {"Deprecation", "Sunset"} & set(current.headers) == set()


def test_a_deprecated_operation_is_flagged_in_the_document() -> None:
    from ninja import NinjaAPI

    api = NinjaAPI(urls_namespace="deprecation_probe")
    api.add_router("/probe", probe)
    paths = api.get_openapi_schema(path_prefix="/api/")["paths"]
    assert paths["/api/probe/old"]["get"]["deprecated"] is True
    assert "deprecated" not in paths["/api/probe/new"]["get"]


def test_no_operation_of_the_api_is_deprecated_today() -> None:
    assert [op["operationId"] for op in _operations(_document()) if op.get("deprecated")] == []
