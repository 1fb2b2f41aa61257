"""The OpenAPI description holds: schemathesis generates requests for every operation of
/api/v1 from /api/v1/openapi.json and checks that nothing answers 5xx and that no response
breaks the schema it declares.

It runs through the WSGI application in this process (in the test's transaction), as a
Japanese contact point with an API token, with jp-kg data present. Each operation gets a
bounded number of examples, derandomized so every run asks the same: first with generated
path parameters (mostly unknown ids), then with the ids of the jp-kg records, so that the
answers about real objects are checked too. Failing examples are reported, not shrunk.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from sswbridge.accounts.models import ApiToken, Role
from tests.helpers import factories

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 15
CHECKS = [not_a_server_error, response_schema_conformance]
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def world(jp_kg: Any) -> dict[str, Any]:
    """A Japanese contact point's token, and jp-kg records whose ids the operations take."""
    from sswbridge.cases import services as cases
    from sswbridge.exchange.models import Notification

    jp_cp = factories.make_user("isa", Role.CONTACT_POINT, username="schema_jp_cp")
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="schema_kg_cp")
    broker = factories.make_intermediary(jp_kg)
    share = factories.make_communication(
        jp_kg,
        sender=kg_cp,
        kind="intermediary_share",
        subject="Schema share",
        body="<p>Penalty contracts.</p>",
        payload={"acts": ["penalty_contract", "unexplained_fees"]},
        intermediary_ids=[broker.pk],
    )
    inquiry = factories.make_communication(
        jp_kg, sender=kg_cp, kind="inquiry", subject="Schema inquiry"
    )
    case = cases.open_case(
        actor=jp_cp, framework=jp_kg, title="Schema case", subject_type="other", marking="both"
    )
    task = cases.add_task(actor=jp_cp, case=case, title="Schema task")
    organization = factories.make_sending_organization(jp_kg)
    _spare_raw, spare_fields = ApiToken.generate()
    spare = ApiToken.objects.create(user=jp_cp, **spare_fields)
    notification = Notification.objects.filter(user=jp_cp).first()
    ids: dict[str, Any] = {
        "communication_id": share.pk,
        "intermediary_id": broker.pk,
        "case_id": case.pk,
        "task_id": task.pk,
        "organization_id": organization.pk,
        "token_id": spare.pk,
        "code": "jp-kg",
        "country": "kg",
        "kind": "inquiry",
    }
    if notification is not None:
        ids["notification_id"] = notification.pk
    return {"user": jp_cp, "ids": ids, "inquiry": inquiry}


@pytest.fixture
def in_test_transaction() -> Any:
    """As Django's test client does: the WSGI handler must not close the test's database
    connection at the end of each request (PostgreSQL would lose the test's transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _bearer(user: Any) -> dict[str, str]:
    """A fresh token for each operation: revoking tokens (an operation too) ends no run."""
    raw, fields = ApiToken.generate()
    ApiToken.objects.create(user=user, **fields)
    return {"Authorization": f"Bearer {raw}"}


def _schema_classes() -> list[type[Any]]:
    from ninja import Schema

    found: list[type[Any]] = []
    todo: list[type[Any]] = [Schema]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("sswbridge."):
                found.append(sub)
    return found


def test_no_two_api_schemas_of_different_shape_share_a_name() -> None:
    """django-ninja names each schema of /api/v1/openapi.json by its class name, so two
    classes of one name overwrite each other there and the description lies about one of
    them (schemathesis then reports its answers as breaking the schema)."""
    import json

    from sswbridge.api.api import api

    components = set(api.get_openapi_schema()["components"]["schemas"])
    shapes: dict[str, dict[str, str]] = {}
    for cls in _schema_classes():
        if cls.__name__ not in components:
            continue  # query parameters are listed one by one, not as a named schema
        shape = json.dumps(cls.model_json_schema(), sort_keys=True, default=str)
        shapes.setdefault(cls.__name__, {})[f"{cls.__module__}.{cls.__qualname__}"] = shape
    clashes = {
        name: sorted(classes) for name, classes in shapes.items() if len(set(classes.values())) > 1
    }
    assert clashes == {}


def _path_parameters(operation: Any) -> list[str]:
    return [p.name for p in operation.iter_parameters() if p.location == "path"]


def _run(operation: Any, headers: dict[str, str], path: dict[str, Any] | None) -> str | None:
    strategy = operation.as_strategy(path_parameters=path)

    @SETTINGS
    @given(case=strategy)
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        check()
    except (Exception, BaseExceptionGroup) as exc:  # failed checks, reported per operation
        return f"{operation.label} {path or ''}: {str(exc)[:2000]}"
    return None


def test_no_operation_answers_5xx_or_breaks_its_schema(
    world: dict[str, Any], in_test_transaction: Any
) -> None:
    from sswbridge.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: list[str] = []
    tried = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        names = _path_parameters(operation)
        variants: list[dict[str, Any] | None] = [None]
        if names and all(name in world["ids"] for name in names):
            variants.append({name: str(world["ids"][name]) for name in names})
        for path in variants:
            tried += 1
            failure = _run(operation, _bearer(world["user"]), path)
            if failure:
                failures.append(failure)
    assert tried > 50, "the OpenAPI description lists too few operations"
    if failures:
        pytest.fail(f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures))
