from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sswbridge.cases import selectors, services
from sswbridge.cases.models import CaseEvent, Evidence, Note, Task
from sswbridge.exchange import receipts
from sswbridge.exchange.models import Communication
from tests.helpers import factories
from tests.helpers.cases import PDF

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


@pytest.fixture
def worked_case(case, kg_cp, jp_cp):  # type: ignore[no-untyped-def]
    """A case with one of everything, each dated on purpose out of creation order."""
    communication = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Ask JP")
    receipts.acknowledge(actor=jp_cp, communication=communication)
    services.link_communication(actor=kg_cp, case=case, communication=communication)
    services.change_status(actor=kg_cp, case=case, status="under_investigation")
    task = services.add_task(actor=kg_cp, case=case, title="Visit the office")
    services.complete_task(actor=kg_cp, task=task)
    services.add_note(actor=kg_cp, case=case, text="Workers interviewed")
    services.add_evidence(actor=kg_cp, case=case, uploaded_file=SimpleUploadedFile("scan.pdf", PDF))
    services.close_case(actor=kg_cp, case=case, outcome="substantiated", decision="Revoked.")
    Communication.objects.filter(pk=communication.pk).update(sent_at=at(0), acknowledged_at=at(5))
    for kind, hours in [
        ("opened", 1),
        ("communication_linked", 2),
        ("status_changed", 3),
        ("closed", 9),
    ]:
        CaseEvent.objects.filter(case=case, kind=kind).update(at=at(hours))
    Note.objects.filter(case=case).update(created_at=at(4))
    Task.objects.filter(case=case).update(created_at=at(6), done_at=at(7))
    Evidence.objects.filter(case=case).update(uploaded_at=at(8))
    return case


def test_the_timeline_merges_everything_in_time_order(worked_case, kg_cp):
    kinds = [item.kind for item in selectors.timeline(kg_cp, worked_case)]
    assert kinds == [
        "communication_sent",
        "opened",
        "communication_linked",
        "status_changed",
        "note",
        "communication_acknowledged",
        "task_added",
        "task_done",
        "evidence",
        "closed",
    ]


def test_the_timeline_shows_the_decision(worked_case, kg_cp):
    closed = selectors.timeline(kg_cp, worked_case)[-1]
    assert "Revoked." in closed.text and "Substantiated" in closed.text


def test_the_case_page_shows_the_timeline_in_order(worked_case, kg_cp):
    page = factories.verified_client(kg_cp).get(reverse("cases:detail", args=[worked_case.pk]))
    body = page.content.decode()
    assert body.index('data-kind="communication_sent"') < body.index('data-kind="opened"')
    assert body.index('data-kind="task_done"') < body.index('data-kind="closed"')


def test_the_timeline_hides_communications_the_reader_cannot_see(case, kg_cp):
    internal = factories.make_communication(sender=kg_cp, marking="agency")
    services.link_communication(actor=kg_cp, case=case, communication=internal)
    services.change_status(actor=kg_cp, case=case, status="under_investigation")
    reader = factories.make_user("kg-embassy-jp", "officer")
    kinds = [item.kind for item in selectors.timeline(reader, case)]
    linked = [item for item in selectors.timeline(reader, case) if item.kind.endswith("linked")]
    assert "communication_sent" not in kinds
    assert linked[0].text == ""
