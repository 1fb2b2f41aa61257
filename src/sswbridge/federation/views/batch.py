"""Several envelopes of one stream in one signed request (`v1/batches`): the request is
authenticated once (signature, key, rate limit, nonce, digest), then each envelope is checked
and stored as if it had come alone, in order, each in a savepoint of the request's
transaction (one commit for the batch). The answer lists, per envelope, what the single
endpoint would have answered: {"results": [{"status": 200, receipt...} | {"status", "code",
"message"}]}. A refusal of one envelope is written to the audit trail as it would be alone;
the others are stored."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sswbridge.federation import receiving, refusals
from sswbridge.federation.services import inbox
from sswbridge.federation.views.endpoint import _refusal


@csrf_exempt
@require_POST
def batches(request: HttpRequest) -> JsonResponse:
    context = receiving.Context()
    now = receiving.now()
    refused: list[tuple[refusals.Refused, receiving.Context]] = []
    results: list[dict[str, Any]] = []
    try:
        auth = receiving.authenticate(request, context, now)
        items = receiving.batch(auth)
        with transaction.atomic():
            receiving.use_nonce(auth)
            for item in items:
                one = receiving.Context(key_id=auth.key_id)
                try:
                    with transaction.atomic():
                        checked = receiving.one_of_batch(item, auth, one)
                        stored = inbox.receive(
                            checked.incoming,
                            peer=checked.peer,
                            framework=checked.framework,
                            to_side=checked.to_side,
                            key_id=auth.key_id,
                            now=now,
                        )
                except refusals.Refused as refusal:
                    refused.append((refusal, one))
                    results.append(
                        {"status": refusal.status, "code": refusal.code, "message": refusal.message}
                    )
                else:
                    results.append({"status": 200, **stored.answer()})
    except refusals.Refused as whole:
        return _refusal(request, whole, context)
    for each, one in refused:
        _refusal(request, each, one)
    return JsonResponse({"results": results}, status=200)
