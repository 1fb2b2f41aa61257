"""Signed webhooks (issue 15, point 6): deliveries of the events an agency may see, signed per
Standard Webhooks, retried with backoff, logged; type and ids only, never the content."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from standardwebhooks.webhooks import Webhook

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditAction
from sswbridge.audit.services import record
from sswbridge.webhooks import jobs, services
from sswbridge.webhooks.models import Delivery, DeliveryStatus
from tests.helpers import factories
from tests.helpers.api import Api
from tests.test_webhooks.receiver import receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def kg_admin(jp_kg: Any) -> Any:
    return factories.make_user("kg-ceca", Role.ADMINISTRATOR, username="hook_kg_admin")


@pytest.fixture
def jp_admin(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.ADMINISTRATOR, username="hook_jp_admin")


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="hook_jp_cp")


SUBJECT = "Where is A. Osmonov?"


def _inquiry(jp_cp: Any) -> Any:
    return factories.make_communication(sender=jp_cp, kind="inquiry", subject=SUBJECT)


def _due(delivery: Delivery) -> dt.datetime:
    delivery.refresh_from_db()
    assert delivery.next_attempt_at is not None
    return delivery.next_attempt_at


def test_a_receiver_failing_twice_gets_the_event_signed_on_the_third_try_after_backoff(
    kg_admin: Any, jp_cp: Any, settings: Any
) -> None:
    settings.WEBHOOKS_RETRY_SECONDS = [5, 30, 120]
    with receiver(500, 500, 204) as hook:
        endpoint = services.add_endpoint(
            actor=kg_admin, url=hook.url, event_types=["communication"]
        )
        sent = _inquiry(jp_cp)

        assert jobs.run() == (1, 1)
        delivery = Delivery.objects.get(endpoint=endpoint)
        first = delivery.attempt_log.get()
        assert _due(delivery) == first.at + dt.timedelta(seconds=5)
        assert jobs.run() == (0, 0)  # not due yet: no try before the backoff

        assert jobs.run(now=_due(delivery)) == (0, 1)
        second = delivery.attempt_log.get(number=2)
        assert _due(delivery) == second.at + dt.timedelta(seconds=30)

        assert jobs.run(now=_due(delivery)) == (0, 1)
        requests = list(hook.requests)

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 500, 204]
    assert len(requests) == 3
    assert {r.headers["webhook-id"] for r in requests} == {delivery.message_id}
    for request in requests:
        payload = Webhook(endpoint.secret).verify(request.body, request.headers)
        assert payload == {
            "type": "communication.sent",
            "timestamp": payload["timestamp"],
            "data": {
                "cursor": delivery.event_cursor,
                "framework": "jp-kg",
                "object_type": "exchange.communication",
                "object_id": str(sent.pk),
            },
        }
        assert SUBJECT.encode() not in request.body


def test_a_forged_signature_does_not_verify(kg_admin: Any, jp_cp: Any) -> None:
    with receiver(204) as hook:
        endpoint = services.add_endpoint(
            actor=kg_admin, url=hook.url, event_types=["communication"]
        )
        _inquiry(jp_cp)
        jobs.run()
        (request,) = hook.requests
    other = Webhook(services.new_secret())
    with pytest.raises(Exception, match="signature"):
        other.verify(request.body, request.headers)
    assert Webhook(endpoint.secret).verify(request.body, request.headers)


def test_a_delivery_that_keeps_failing_is_given_up_after_the_last_retry(
    kg_admin: Any, jp_cp: Any, settings: Any
) -> None:
    settings.WEBHOOKS_RETRY_SECONDS = [1, 2]
    with receiver(503) as hook:
        endpoint = services.add_endpoint(
            actor=kg_admin, url=hook.url, event_types=["communication"]
        )
        _inquiry(jp_cp)
        jobs.run()
        delivery = Delivery.objects.get(endpoint=endpoint)
        jobs.run(now=_due(delivery))
        jobs.run(now=_due(delivery))
        assert len(hook.requests) == 3
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        DeliveryStatus.FAILED,
        3,
        None,
    )
    assert delivery.last_status_code == 503


def test_a_kyrgyz_endpoint_never_hears_of_a_japan_only_record(
    kg_admin: Any, jp_admin: Any, jp_cp: Any
) -> None:
    types = ["communication", "sending_organization"]
    with receiver(204) as kg_hook, receiver(204) as jp_hook:
        kg_endpoint = services.add_endpoint(actor=kg_admin, url=kg_hook.url, event_types=types)
        jp_endpoint = services.add_endpoint(actor=jp_admin, url=jp_hook.url, event_types=types)
        japan_only = factories.make_sending_organization(agency_code="isa", marking="side")
        record(actor=jp_cp, action=AuditAction.CREATE, obj=japan_only)
        sent = _inquiry(jp_cp)
        jobs.run()
        kg_got = [json.loads(r.body)["data"]["object_id"] for r in kg_hook.requests]
        jp_got = [json.loads(r.body)["data"]["object_id"] for r in jp_hook.requests]
    assert kg_got == [str(sent.pk)]
    assert sorted(jp_got) == sorted([str(japan_only.pk), str(sent.pk)])
    assert not kg_endpoint.deliveries.filter(payload__data__object_id=str(japan_only.pk))
    assert jp_endpoint.deliveries.count() == 2


def test_an_endpoint_gets_only_the_types_it_chose(kg_admin: Any, jp_cp: Any) -> None:
    endpoint = services.add_endpoint(
        actor=kg_admin, url="http://127.0.0.1:9/hooks", event_types=["sending_organization"]
    )
    _inquiry(jp_cp)
    assert jobs.run() == (0, 0)
    assert endpoint.deliveries.count() == 0


def test_an_endpoint_hears_only_of_events_after_its_registration(kg_admin: Any, jp_cp: Any) -> None:
    _inquiry(jp_cp)
    endpoint = services.add_endpoint(
        actor=kg_admin, url="http://127.0.0.1:9/hooks", event_types=["communication"]
    )
    jobs.run()
    assert endpoint.deliveries.count() == 0


def test_a_deactivated_endpoint_is_tried_no_more(kg_admin: Any, jp_cp: Any) -> None:
    with receiver(500) as hook:
        endpoint = services.add_endpoint(
            actor=kg_admin, url=hook.url, event_types=["communication"]
        )
        _inquiry(jp_cp)
        jobs.run()
        delivery = Delivery.objects.get(endpoint=endpoint)
        services.deactivate_endpoint(actor=kg_admin, endpoint=endpoint)
        jobs.run(now=_due(delivery))
        assert len(hook.requests) == 1


def test_the_target_is_checked_again_before_each_try(
    kg_admin: Any, jp_cp: Any, settings: Any
) -> None:
    """A target that is no longer allowed (a name now resolving to a private address) is not
    contacted: the try is logged as refused."""
    with receiver(204) as hook:
        endpoint = services.add_endpoint(
            actor=kg_admin, url=hook.url, event_types=["communication"]
        )
        _inquiry(jp_cp)
        settings.WEBHOOKS_ALLOW_LOOPBACK = False
        jobs.run()
        assert hook.requests == []
    attempt = Delivery.objects.get(endpoint=endpoint).attempt_log.get()
    assert attempt.status_code is None
    assert "https" in attempt.error


def test_the_job_queues_its_next_run() -> None:
    from sswbridge.core.models import Job

    jobs.schedule()
    jobs.schedule()
    assert Job.objects.filter(kind=jobs.RUN_JOB).count() == 1


def test_finished_deliveries_leave_the_log_after_its_days(
    kg_admin: Any, jp_cp: Any, settings: Any
) -> None:
    settings.WEBHOOKS_LOG_DAYS = 30
    with receiver(204) as hook:
        endpoint = services.add_endpoint(
            actor=kg_admin, url=hook.url, event_types=["communication"]
        )
        _inquiry(jp_cp)
        _inquiry(jp_cp)
        jobs.run()
    old, recent = endpoint.deliveries.order_by("id")
    Delivery.objects.filter(pk=old.pk).update(created_at=old.created_at - dt.timedelta(days=31))
    assert services.purge_log() == 1
    assert list(endpoint.deliveries.all()) == [recent]


def test_the_administrator_sees_each_attempt_in_the_delivery_log(kg_admin: Any, jp_cp: Any) -> None:
    with receiver(500) as hook:
        endpoint = services.add_endpoint(
            actor=kg_admin, url=hook.url, event_types=["communication"]
        )
        _inquiry(jp_cp)
        jobs.run()
    delivery = endpoint.deliveries.get()
    page = factories.verified_client(kg_admin).get(f"/webhooks/{endpoint.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert delivery.message_id in html and "HTTP 500" in html
    api = Api(kg_admin, base="/api/v1/webhooks")
    [logged] = api.get(f"/endpoints/{endpoint.pk}/deliveries").json()
    assert [a["status_code"] for a in logged["attempt_log"]] == [500]
    assert logged["payload"]["type"] == "communication.sent"
