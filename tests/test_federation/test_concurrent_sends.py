"""Communications to a side another node hosts, sent from many threads at once on PostgreSQL:
a send with files writes audit entries before its envelope is numbered, one without files
numbers its envelope first. Both take the audit head before the stream's sequence row (the
lock order), so none deadlocks, every envelope has its own number and the numbers follow
one another without a gap."""

from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from sswbridge.accounts.models import Role
from sswbridge.audit.chain import verify_chain
from sswbridge.exchange import services as exchange
from sswbridge.federation.models import Direction, Envelope
from tests.helpers import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8
SENDS_EACH = 4
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def test_parallel_sends_with_and_without_files_neither_deadlock_nor_skip_a_number(
    kg_peer, jp_kg, caplog
):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and deadlocks are PostgreSQL's; SQLite writers take turns")
    officer = factories.make_user("isa", Role.OFFICER, username="jp_officer")
    start = threading.Barrier(THREADS)
    errors: list[BaseException] = []
    sent: list[str] = []

    def sender(n: int) -> None:
        try:
            start.wait()
            for i in range(SENDS_EACH):
                files = (
                    [SimpleUploadedFile(f"f{n}-{i}.pdf", PDF, content_type="application/pdf")]
                    if (n + i) % 2
                    else []
                )
                c = exchange.send_new(
                    actor=officer,
                    framework=jp_kg,
                    kind="inquiry",
                    subject=f"Inquiry {n}-{i}",
                    attachments=files,
                )
                sent.append(str(c.pk))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(sent) == THREADS * SENDS_EACH
    numbers = sorted(
        Envelope.objects.filter(direction=Direction.OUT).values_list("sequence", flat=True)
    )
    assert numbers == list(range(1, THREADS * SENDS_EACH + 1))
    assert {str(pk) for pk in Envelope.objects.values_list("pk", flat=True)} == set(sent)
    assert verify_chain().ok
    assert [r.getMessage() for r in caplog.records if "deadlock" in r.getMessage()] == []
