"""The outbox: envelopes queued in the caller's transaction, delivered by a pass that leases
them, retried with backoff, marked delivered only with the peer's verified receipt."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from sswbridge.audit.models import AuditEntry
from sswbridge.core import jobs, nodekey
from sswbridge.core.models import Job
from sswbridge.federation import alerts, delivery, receipts, services, transport, trigger
from sswbridge.federation import jobs as federation_jobs
from sswbridge.federation.models import Envelope, EnvelopeStatus, Peer
from sswbridge.federation.services.outbox import NotFederated
from sswbridge.frameworks.models import Side
from tests.helpers.federation import batched, new_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def kg() -> Side:
    return Side.objects.get(code="KG")


@pytest.fixture
def peer(jp_kg, japan_node, kg) -> Peer:
    """The Kyrgyz node, whose receipts this test signs with this node's own key."""
    return services.add_peer(
        actor=None,
        framework=jp_kg,
        side=kg,
        base_url="https://kg.example.test/",
        public_key=nodekey.current().public.raw_base64,
    )


class FakePeer:
    """Stands for transport.post: answers each POST as `mode` says; records what it got."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.received: list[dict[str, Any]] = []

    def __call__(self, url: str, body: bytes, *, timeout: float | None = None) -> Any:
        if self.mode == "down":
            raise transport.Unreachable("connection refused")
        data = json.loads(body)
        self.received.append(data)
        if self.mode == "refuse":
            return transport.Answer(422, {"code": "commitment_mismatch"})
        if self.mode == "error":
            return transport.Answer(503, {})
        from sswbridge.federation import wire

        signed = receipts.issue(
            envelope_id=data["id"],
            content_hash=wire.content_hash(data) if self.mode != "wrong" else "0" * 64,
            received_at=timezone.now(),
        )
        return transport.Answer(200, {**signed, "contiguous": data["sequence"], "missing": None})


@pytest.fixture
def fake(monkeypatch) -> FakePeer:
    fake = FakePeer()
    monkeypatch.setattr(transport, "post", batched(fake))
    return fake


def test_enqueue_commits_to_every_field_and_keeps_withheld_values_home(peer, jp_kg, kg, fake):
    envelope = services.enqueue(
        jp_kg, kg, "exchange.communication", {"subject": "Ak-Jol"}, withheld={"informant": "Asel"}
    )
    assert (envelope.sequence, envelope.from_side.code, envelope.status) == (1, "JP", "queued")
    assert set(envelope.commitments) == {"subject", "informant"}
    delivery.deliver_due()
    sent = fake.received[0]
    assert sent["visible"] == {"subject": "Ak-Jol"} and "Asel" not in json.dumps(sent)
    opening = services.release(envelope, "informant")
    from sswbridge.federation import commitments

    assert commitments.opens(sent["commitments"]["informant"], "informant", "Asel", opening.salt)
    assert AuditEntry.objects.filter(action="federation.queued", side_code="JP").count() == 1


def test_sequences_follow_the_enqueue_order(peer, jp_kg, kg):
    numbers = [services.enqueue(jp_kg, kg, "k", {"n": n}).sequence for n in range(3)]
    assert numbers == [1, 2, 3]


def test_enqueue_refuses_a_side_this_node_hosts_or_does_not_send_for(jp_kg, japan_node):
    with pytest.raises(NotFederated):
        services.enqueue(jp_kg, Side.objects.get(code="JP"), "k", {})


def test_a_delivered_envelope_keeps_the_verified_receipt(peer, jp_kg, kg, fake):
    envelope = services.enqueue(jp_kg, kg, "k", {"a": 1})
    result = delivery.deliver_due()
    envelope.refresh_from_db()
    assert result.delivered == 1 and envelope.status == EnvelopeStatus.DELIVERED
    assert envelope.receipt["receipt"]["content_hash"] == envelope.content_hash
    assert envelope.delivered_at is not None and envelope.attempts == 1
    assert fake.received[0]["id"] == str(envelope.id)
    assert AuditEntry.objects.filter(action="federation.delivered").count() == 1


def test_a_receipt_for_other_content_is_not_accepted(peer, jp_kg, kg, fake):
    fake.mode = "wrong"
    envelope = services.enqueue(jp_kg, kg, "k", {"a": 1})
    delivery.deliver_due()
    envelope.refresh_from_db()
    assert envelope.status == EnvelopeStatus.QUEUED and "bad receipt" in envelope.last_error


def test_a_receipt_signed_by_another_key_is_not_accepted(peer, jp_kg, kg, fake):
    peer.keys.update(key_id=new_key().key_id)
    envelope = services.enqueue(jp_kg, kg, "k", {"a": 1})
    delivery.deliver_due()
    envelope.refresh_from_db()
    assert envelope.status == EnvelopeStatus.QUEUED and "bad receipt" in envelope.last_error


def test_an_unreachable_peer_backs_off_and_shows_the_last_attempt(peer, jp_kg, kg, fake):
    fake.mode = "down"
    first = services.enqueue(jp_kg, kg, "k", {"a": 1})
    services.enqueue(jp_kg, kg, "k", {"a": 2})
    result = delivery.deliver_due()
    assert (result.failed, result.skipped) == (1, 1)  # the second waits, no attempt counted
    first.refresh_from_db()
    assert first.status == "queued" and first.attempts == 1 and first.last_attempt_at
    assert first.next_attempt_at - first.last_attempt_at == dt.timedelta(seconds=5)
    # The next pass sends nothing: the second waits behind the first, which is not due yet
    # (a stream goes out in the order of its numbers).
    assert delivery.deliver_due() == delivery.Pass()
    first.refresh_from_db()
    assert first.attempts == 1
    Envelope.objects.update(next_attempt_at=timezone.now())
    delivery.deliver_due()
    first.refresh_from_db()
    assert first.attempts == 2
    assert first.next_attempt_at - first.last_attempt_at == dt.timedelta(seconds=10)
    peer.refresh_from_db()
    assert peer.unreachable_since is not None and "refused" in peer.last_error
    # The administrator's alert, after SSWBRIDGE_FEDERATION_ALERT_MINUTES.
    assert alerts.unreachable() == []
    later = timezone.now() + dt.timedelta(minutes=31)
    assert [s.peer for s in alerts.unreachable(later)] == [peer]
    assert alerts.unreachable(later)[0].queued == 2
    fake.mode = "ok"
    Envelope.objects.update(next_attempt_at=timezone.now())
    assert delivery.deliver_all().delivered == 2
    peer.refresh_from_db()
    assert peer.unreachable_since is None


def test_backoff_grows_to_its_ceiling(settings):
    settings.FEDERATION_BACKOFF_SECONDS = 5
    settings.FEDERATION_BACKOFF_MAX_SECONDS = 60
    assert [delivery.backoff(n).seconds for n in (1, 2, 3, 4, 5, 9)] == [5, 10, 20, 40, 60, 60]


def test_a_final_refusal_stops_the_retries(peer, jp_kg, kg, fake):
    fake.mode = "refuse"
    envelope = services.enqueue(jp_kg, kg, "k", {"a": 1})
    delivery.deliver_due()
    envelope.refresh_from_db()
    assert (envelope.status, envelope.last_error) == ("refused", "commitment_mismatch")
    assert AuditEntry.objects.filter(action="federation.refused_by_peer").exists()


def test_a_server_error_is_retried(peer, jp_kg, kg, fake):
    fake.mode = "error"
    envelope = services.enqueue(jp_kg, kg, "k", {"a": 1})
    delivery.deliver_due()
    envelope.refresh_from_db()
    assert envelope.status == "queued" and envelope.last_error == "HTTP 503"


def test_a_leased_envelope_is_not_claimed_again_until_the_lease_runs_out(peer, jp_kg, kg, settings):
    settings.FEDERATION_LEASE_SECONDS = 30
    envelope = services.enqueue(jp_kg, kg, "k", {"a": 1})
    assert [e.pk for e in delivery.claim(10)] == [envelope.pk]  # a pass that then dies
    assert delivery.claim(10) == []
    later = timezone.now() + dt.timedelta(seconds=31)
    assert [e.pk for e in delivery.claim(10, now=later)] == [envelope.pk]


def test_without_a_peer_the_envelope_waits(jp_kg, japan_node, kg, fake):
    envelope = services.enqueue(jp_kg, kg, "k", {"a": 1})
    delivery.deliver_due()
    envelope.refresh_from_db()
    assert envelope.status == "queued" and "no peer" in envelope.last_error


def test_a_gap_reported_by_the_peer_queues_the_lost_envelopes_again(peer, jp_kg, kg, fake):
    sent = [services.enqueue(jp_kg, kg, "k", {"n": n}) for n in range(3)]
    delivery.deliver_all()
    assert Envelope.objects.filter(status="delivered").count() == 3
    answer = transport.Answer(200, {"missing": [1, 2]})
    assert delivery.repair_gap(sent[2], answer) == 2
    assert Envelope.objects.filter(status="queued").count() == 2


def test_delivery_starts_when_the_enqueuing_transaction_commits(
    peer, jp_kg, kg, fake, settings, monkeypatch, django_capture_on_commit_callbacks
):
    woken: list[bool] = []
    monkeypatch.setattr(trigger, "wake", lambda: woken.append(True))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.enqueue(jp_kg, kg, "k", {"a": 1})
        assert woken == []
    assert woken == [True]


def test_wake_runs_a_pass_in_a_thread(monkeypatch, settings):
    import threading

    settings.FEDERATION_DELIVER_ON_COMMIT = True
    done = threading.Event()
    monkeypatch.setattr(delivery, "deliver_all", lambda: done.set())
    monkeypatch.setattr(trigger.connection, "close", lambda: None)
    trigger.wake()
    assert done.wait(5)


def test_the_periodic_pass_is_registered_and_queues_its_next_run(peer, jp_kg, kg, fake):
    assert "federation delivery" in dict(jobs.schedules())
    federation_jobs.schedule()
    job = Job.objects.get(kind=federation_jobs.DELIVERY_JOB)
    services.enqueue(jp_kg, kg, "k", {"a": 1})
    jobs.run_job(job)
    assert Envelope.objects.get().status == "delivered"
    federation_jobs.schedule(now=job.run_after)  # when it runs at its time: the next slot
    assert Job.objects.filter(kind=federation_jobs.DELIVERY_JOB).count() == 2


def test_a_stream_goes_out_in_order_and_by_one_pass_at_a_time(peer, jp_kg, kg, settings):
    first = services.enqueue(jp_kg, kg, "k", {"a": 1})
    second = services.enqueue(jp_kg, kg, "k", {"a": 2})
    now = timezone.now()
    Envelope.objects.filter(pk=first.pk).update(next_attempt_at=now + dt.timedelta(minutes=1))
    assert delivery.claim(10, now) == []  # the second waits behind the first's backoff
    Envelope.objects.filter(pk=first.pk).update(next_attempt_at=now)
    Envelope.objects.filter(pk=second.pk).update(next_attempt_at=now + dt.timedelta(hours=1))
    assert [e.pk for e in delivery.claim(10, now)] == [first.pk, second.pk]
    assert delivery.claim(10, now) == []  # another pass holds the stream
    # A pass that died: once its lease has run out, the stream is claimed again, in order.
    later = now + dt.timedelta(seconds=settings.FEDERATION_LEASE_SECONDS + 1)
    assert [e.pk for e in delivery.claim(10, later)] == [first.pk, second.pk]
