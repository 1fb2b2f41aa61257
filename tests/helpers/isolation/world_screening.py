"""jp-kg screening hit and batch, for the isolation tables."""

from __future__ import annotations

from typing import Any

from sswbridge.accounts.models import Role
from tests.helpers import factories, records

PAGES: dict[str, tuple[str, Any]] = {
    "screening:screen": ("list", None),
    "screening:decisions": ("list", None),
    "screening:decide": ("post", lambda w: {"pk": w["screening_hit"].pk}),
    "screening:batch_list": ("list", None),
    "screening:batch_detail": ("object", lambda w: {"pk": w["screening_batch"].pk}),
    "screening:batch_results": ("object", lambda w: {"pk": w["screening_batch"].pk}),
}

OPERATIONS: dict[tuple[str, str], tuple[str, Any]] = {
    # Needs a body; a user of another framework finds nothing (tests/test_screening).
    ("POST", "/api/v1/screening/query"): ("self", None),
    ("POST", "/api/v1/screening/batches"): ("self", None),
    ("GET", "/api/v1/screening/batches"): ("list", None),
    ("GET", "/api/v1/screening/batches/{batch_id}"): (
        "object",
        lambda w: {"batch_id": w["screening_batch"].pk},
    ),
    ("GET", "/api/v1/screening/batches/{batch_id}/results"): (
        "object",
        lambda w: {"batch_id": w["screening_batch"].pk},
    ),
    ("GET", "/api/v1/screening/hits"): ("list", None),
    # Needs a body; its 404 for another framework is tested in tests/test_screening.
    ("POST", "/api/v1/screening/hits/{hit_id}/decision"): ("object_body", None),
}

SECRETS = ("Secret Screened KG", "Secret Batch KG")


def world(framework: Any) -> dict[str, Any]:
    from sswbridge.screening.models import ScreeningBatch

    owner = factories.make_user("kg-ceca", Role.OFFICER)
    hit = records.make_screening_hit(framework, name="Secret Screened KG")
    batch = ScreeningBatch.objects.create(
        owner=owner,
        file_name="Secret Batch KG.csv",
        queries_csv="id,name,kind,country\n1,Secret Batch KG,,\n",
        threshold=0.7,
        limit=5,
        status="done",
        queries_total=1,
        queries_done=1,
        results_csv="query_id,candidate_id,candidate_name,score\n1,x:1,Secret Batch KG,1.0\n",
    )
    return {"screening_hit": hit, "screening_batch": batch}
