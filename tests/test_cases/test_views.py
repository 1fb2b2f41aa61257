from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sswbridge.accounts.models import Role
from sswbridge.cases import services
from sswbridge.cases.models import Case, CaseCommunication, Note
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def test_an_officer_opens_a_case_through_the_form(kg_officer, jp_kg):
    client = factories.verified_client(kg_officer)
    response = client.post(
        reverse("cases:create"),
        {
            "framework": jp_kg.pk,
            "title": "Fees without basis",
            "subject_type": "intermediary",
            "marking": "side",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert (case.title, case.owner) == ("Fees without basis", kg_officer)


def test_the_create_form_refuses_a_missing_title(kg_officer, jp_kg):
    client = factories.verified_client(kg_officer)
    response = client.post(
        reverse("cases:create"),
        {"framework": jp_kg.pk, "title": "", "subject_type": "other", "marking": "side"},
    )
    assert response.status_code == 200
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMINISTRATOR])
def test_readers_cannot_open_the_create_form(jp_kg, role):
    client = factories.verified_client(factories.make_user("kg-ceca", role))
    assert client.get(reverse("cases:create")).status_code == 403


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cases:status", {"status": "under_investigation"}),
        ("cases:close", {"outcome": "no_action", "decision": "None."}),
        ("cases:reopen", {}),
        ("cases:task_add", {"title": "T"}),
        ("cases:note_add", {"text": "N"}),
        ("cases:evidence_add", {}),
    ],
)
def test_an_auditor_gets_403_on_every_case_write(case, kg_auditor, name, data):
    client = factories.verified_client(kg_auditor)
    assert client.post(reverse(name, args=[case.pk]), data).status_code == 403


def test_an_auditor_cannot_link_a_communication(case, kg_auditor, kg_cp):
    communication = factories.make_communication(sender=kg_cp)
    client = factories.verified_client(kg_auditor)
    response = client.post(
        reverse("cases:link"), {"case": case.pk, "communication": communication.pk}
    )
    assert response.status_code == 403
    assert not CaseCommunication.objects.exists()


def test_an_auditor_reads_the_case_without_forms(case, kg_auditor):
    page = factories.verified_client(kg_auditor).get(reverse("cases:detail", args=[case.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and case.reference in body
    assert reverse("cases:note_add", args=[case.pk]) not in body


def test_the_other_side_gets_404_for_an_internal_case(case, jp_cp):
    client = factories.verified_client(jp_cp)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_the_other_side_reads_a_shared_case_but_cannot_write(shared_case, jp_cp):
    client = factories.verified_client(jp_cp)
    assert client.get(reverse("cases:detail", args=[shared_case.pk])).status_code == 200
    response = client.post(reverse("cases:note_add", args=[shared_case.pk]), {"text": "JP"})
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_the_status_form_moves_the_case(case, kg_officer):
    client = factories.verified_client(kg_officer)
    client.post(reverse("cases:status", args=[case.pk]), {"status": "awaiting_other_side"})
    case.refresh_from_db()
    assert case.status == "awaiting_other_side"


def test_the_close_form_without_outcome_keeps_the_case_open(case, kg_officer):
    client = factories.verified_client(kg_officer)
    response = client.post(reverse("cases:close", args=[case.pk]), {"decision": "x"}, follow=True)
    case.refresh_from_db()
    assert case.status == "open"
    assert "This field is required." in response.content.decode()


def test_a_task_is_done_from_the_page(case, kg_officer):
    task = services.add_task(actor=kg_officer, case=case, title="Call")
    client = factories.verified_client(kg_officer)
    client.post(reverse("cases:task_finish", args=[case.pk, task.pk]), {"action": "done"})
    task.refresh_from_db()
    assert task.status == "done"


def test_a_communication_is_linked_from_its_own_page(case, kg_cp):
    communication = factories.make_communication(sender=kg_cp)
    client = factories.verified_client(kg_cp)
    page = client.get(reverse("exchange:detail", args=[communication.pk])).content.decode()
    assert case.reference in page
    response = client.post(
        reverse("cases:link"),
        {
            "case": case.pk,
            "communication": communication.pk,
            "next": reverse("exchange:detail", args=[communication.pk]),
        },
    )
    assert response["Location"] == reverse("exchange:detail", args=[communication.pk])
    page = client.get(reverse("exchange:detail", args=[communication.pk])).content.decode()
    assert reverse("cases:detail", args=[case.pk]) in page


@pytest.mark.parametrize("target", ["abc", "https://evil.example/", "/\\evil.example"])
def test_a_link_with_an_unsafe_next_returns_to_the_case(case, kg_cp, target):
    communication = factories.make_communication(sender=kg_cp)
    response = factories.verified_client(kg_cp).post(
        reverse("cases:link"), {"case": case.pk, "communication": communication.pk, "next": target}
    )
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("cases:detail", args=[case.pk]),
    )


def test_the_link_view_refuses_a_malformed_id_with_404(kg_cp):
    client = factories.verified_client(kg_cp)
    assert (
        client.post(reverse("cases:link"), {"case": "x", "communication": "y"}).status_code == 404
    )


def test_the_list_filters_by_status_subject_and_search(case, shared_case, kg_officer):
    services.change_status(actor=kg_officer, case=case, status="under_investigation")
    client = factories.verified_client(kg_officer)
    url = reverse("cases:list")
    by_status = client.get(url, {"status": "under_investigation"}).content.decode()
    by_subject = client.get(url, {"subject_type": "exam_fraud"}).content.decode()
    by_text = client.get(url, {"q": shared_case.reference}).content.decode()
    assert case.title in by_status and shared_case.title not in by_status
    assert shared_case.title in by_subject and case.title not in by_subject
    assert shared_case.title in by_text and case.title not in by_text


def test_the_list_query_count_does_not_grow_with_the_cases(kg_cp, jp_kg):
    client = factories.verified_client(kg_cp)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("cases:list"))
        return len(queries)

    services.open_case(actor=kg_cp, framework=jp_kg, title="One", subject_type="other")
    few = count()
    for n in range(5):
        services.open_case(actor=kg_cp, framework=jp_kg, title=f"Case {n}", subject_type="other")
    assert count() == few
