"""The federation endpoint: peers POST envelopes here, signed with their node key (RFC 9421),
not with an API token, so it is exempt from CSRF. It answers JSON: a signed receipt, or a
refusal {"code", "message"}, which is also written to this node's audit trail.

The nonce is recorded in the transaction that stores the envelope: a refused or failed request
leaves nothing (the rate limit counts it still), and a request run again after a transient
database conflict (core/middleware.py) is not taken for its own replay."""

from __future__ import annotations

import logging

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sswbridge.federation import receiving, refusals
from sswbridge.federation.anchors import view
from sswbridge.federation.services import inbox, outbox

log = logging.getLogger(__name__)


def _refusal(
    request: HttpRequest, refused: refusals.Refused, context: receiving.Context
) -> JsonResponse:
    log.warning("federation request refused: %s %s", refused.code, refused.detail)
    refusals.record(
        refused,
        path=request.path,
        remote=str(request.META.get("REMOTE_ADDR", "")),
        key_id=context.key_id,
        envelope_id=context.envelope_id,
        framework=context.framework,
        side_code=context.side_code,
    )
    response = JsonResponse(
        {**refused.data, "code": refused.code, "message": refused.message}, status=refused.status
    )
    if context.retry_after:
        response["Retry-After"] = str(context.retry_after)
    return response


@csrf_exempt
@require_POST
def envelopes(request: HttpRequest) -> JsonResponse:
    context = receiving.Context()
    now = receiving.now()
    try:
        auth = receiving.authenticate(request, context, now)
        with transaction.atomic():
            receiving.use_nonce(auth)
            checked = receiving.envelope(auth, context)
            stored = inbox.receive(
                checked.incoming,
                peer=checked.peer,
                framework=checked.framework,
                to_side=checked.to_side,
                key_id=auth.key_id,
                now=now,
            )
    except refusals.Refused as refused:
        return _refusal(request, refused, context)
    return JsonResponse(stored.answer(), status=200)


@csrf_exempt
@require_POST
def resend(request: HttpRequest) -> JsonResponse:
    context = receiving.Context()
    try:
        auth = receiving.authenticate(request, context, receiving.now())
        with transaction.atomic():
            receiving.use_nonce(auth)
            peer, framework, own_side, start = receiving.resend_request(auth, context)
            count = outbox.requeue(
                peer=peer, framework=framework, from_side=own_side, from_sequence=start
            )
    except refusals.Refused as refused:
        return _refusal(request, refused, context)
    return JsonResponse({"requeued": count})


@csrf_exempt
@require_POST
def checkpoint(request: HttpRequest) -> JsonResponse:
    """The peer asks for this node's signed view of their shared history (anchors/view.py)."""
    context = receiving.Context()
    try:
        auth = receiving.authenticate(request, context, receiving.now())
        with transaction.atomic():
            receiving.use_nonce(auth)
            peer, own_side, pins = receiving.view_request(auth, context)
            answer = view.build(peer, own_side, pins)
    except refusals.Refused as refusal:
        return _refusal(request, refusal, context)
    return JsonResponse(answer)
