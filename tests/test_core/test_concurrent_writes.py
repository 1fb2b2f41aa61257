"""Every kind of write that takes a lock, in parallel through the real API: no deadlock
reaches a client, every write is there, and the audit chain holds (issue 12, point 1)."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection

from sswbridge.accounts.models import Role
from sswbridge.audit.chain import verify_chain
from sswbridge.cases.models import Case
from sswbridge.consultations.models import Consultation
from sswbridge.exchange.models import Communication
from sswbridge.intermediaries.models import Intermediary
from sswbridge.lifecycle import services as lifecycle
from sswbridge.lifecycle.models import AmendmentConsent
from sswbridge.sending.models import SendingOrganization
from sswbridge.suspensions.models import Suspension
from tests.helpers import factories
from tests.helpers.http import api_token, post_json
from tests.helpers.registers import APPLICATION

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WRITERS = 28
WRITES_EACH = 3


def _writes(jp_kg: Any) -> list[tuple[str, str, Any]]:
    """(kind, token, next request) for each kind of write that takes a lock."""
    jp_cp = factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")
    jp_officer = factories.make_user("isa", Role.OFFICER, username="jp_officer")
    kg_registrar = factories.make_user("kg-ceca", Role.REGISTRAR, username="kg_registrar")
    # Amendments proposed and consented by Kyrgyzstan: Japan's consent brings each into force,
    # which numbers the memorandum's next text under the framework's guard.
    lifecycle.record_signed_text(actor=jp_cp, framework=jp_kg, text="As signed")
    amendments = []
    for n in range(WRITERS * WRITES_EACH):
        a = lifecycle.propose_amendment(actor=kg_cp, framework=jp_kg, new_text=f"Revision {n}")
        lifecycle.consent_to_amendment(actor=kg_cp, amendment=a)
        amendments.append(a.pk)
    pending = iter(amendments)
    lock = threading.Lock()

    def consent(_n: int) -> tuple[str, dict[str, Any]]:
        with lock:
            return f"/lifecycle/amendments/{next(pending)}/consent", {}

    def numbered(n: int) -> str:
        return f"{threading.get_ident()}-{n}"

    return [
        (
            "case",
            api_token(jp_officer),
            lambda n: (
                "/cases",
                {"framework": "jp-kg", "title": "t", "subject_type": "intermediary"},
            ),
        ),
        (
            "communication",
            api_token(kg_cp),
            lambda n: (
                "/exchange/communications",
                {
                    "framework": "jp-kg",
                    "kind": "inquiry",
                    "subject": f"Inquiry {numbered(n)}",
                    "send": True,
                },
            ),
        ),
        (
            "intermediary",
            api_token(kg_cp),
            lambda n: (
                "/registry/intermediaries",
                {
                    "framework": "jp-kg",
                    "kind": "corporation",
                    "country": "KG",
                    "names": [{"value": f"Agency {numbered(n)}", "script": "Latn"}],
                },
            ),
        ),
        (
            "sending_organization",
            api_token(kg_registrar),
            lambda n: (
                "/registry/sending-organizations",
                {
                    **{k: v if isinstance(v, list) else str(v) for k, v in APPLICATION.items()},
                    "framework": "jp-kg",
                    "registration_number": f"REG-{numbered(n)}",
                },
            ),
        ),
        (
            "suspension",
            api_token(jp_officer),
            lambda n: (
                "/suspensions",
                {
                    "framework": "jp-kg",
                    "field": "construction",
                    "starts_on": "2026-04-01",
                    "legal_basis": "Article 2-4",
                    "scope": "New entries",
                },
            ),
        ),
        (
            "consultation",
            api_token(jp_officer),
            lambda n: (
                "/consultations",
                {
                    "framework": "jp-kg",
                    "title": f"Meeting {numbered(n)}",
                    "kind": "ad_hoc",
                    "starts_at": "2026-05-01T10:00:00+09:00",
                    "place": "Tokyo",
                },
            ),
        ),
        ("consent", api_token(jp_cp), consent),
    ]


def test_parallel_writers_of_every_kind_all_succeed_and_the_chain_holds(
    server_url, jp_kg, settings, caplog
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and deadlocks are PostgreSQL's; SQLite writers take turns")
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": (1_000_000, 60)}
    writes = _writes(jp_kg)
    before = {
        "case": Case.objects.count(),
        "communication": Communication.objects.filter(kind="inquiry").count(),
        "intermediary": Intermediary.objects.count(),
        "sending_organization": SendingOrganization.objects.count(),
        "suspension": Suspension.objects.count(),
        "consultation": Consultation.objects.count(),
        "consent": AmendmentConsent.objects.count(),
    }
    start = threading.Barrier(WRITERS)
    answers: list[tuple[str, int, Any]] = []

    def writer(n: int) -> None:
        kind, token, request = writes[n % len(writes)]
        start.wait()
        for i in range(WRITES_EACH):
            path, body = request(i)
            status, content, _headers = post_json(server_url, token, path, body)
            answers.append((kind, status, content))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    failures = [(kind, status, body) for kind, status, body in answers if status not in (200, 201)]
    assert failures == []
    done = Counter(kind for kind, _status, _content in answers)
    after = {
        "case": Case.objects.count(),
        "communication": Communication.objects.filter(kind="inquiry").count(),
        "intermediary": Intermediary.objects.count(),
        "sending_organization": SendingOrganization.objects.count(),
        "suspension": Suspension.objects.count(),
        "consultation": Consultation.objects.count(),
        "consent": AmendmentConsent.objects.count(),
    }
    assert {kind: after[kind] - before[kind] for kind in before} == dict(done)
    assert len(set(Case.objects.values_list("reference", flat=True))) == Case.objects.count()
    assert verify_chain().ok
    # The lock order alone kept them apart: not one needed the retry of the last line.
    assert [r.getMessage() for r in caplog.records if "transient" in r.getMessage()] == []
