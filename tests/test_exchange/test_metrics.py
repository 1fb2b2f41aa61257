"""Dashboard metrics: per receiving side and kind, median and 90th percentile of the time
to acknowledge and to answer, and how many answers are overdue; a chart and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.exchange import metrics
from sswbridge.exchange.models import Communication
from tests.helpers import factories
from tests.helpers.api import ExchangeApi as Api

pytestmark = pytest.mark.django_db


def test_percentiles_interpolate_between_ranks():
    values = [1.0, 2.0, 3.0, 4.0, 10.0]
    assert (metrics.percentile(values, 0.5), metrics.percentile(values, 0.9)) == (
        3.0,
        pytest.approx(7.6),
    )


def test_no_values_have_no_percentile():
    assert metrics.percentile([], 0.5) is None


@pytest.fixture
def three_inquiries(kg_cp):  # type: ignore[no-untyped-def]
    """Three inquiries to Japan, acknowledged after 1, 2 and 9 hours; one overdue."""
    sent = timezone.now() - dt.timedelta(days=10)
    items = [
        factories.make_communication(sender=kg_cp, kind="inquiry", subject=f"Inquiry {n}")
        for n in range(3)
    ]
    for hours, c in zip((1, 2, 9), items, strict=True):
        Communication.objects.filter(pk=c.pk).update(
            sent_at=sent, acknowledged_at=sent + dt.timedelta(hours=hours)
        )
    Communication.objects.filter(pk=items[0].pk).update(
        due_date=timezone.localdate() - dt.timedelta(days=1)
    )
    return items


def test_time_to_acknowledge_per_receiving_side_and_kind(three_inquiries, jp_cp):
    [row] = metrics.metrics_for(jp_cp)
    assert (row.side.code, row.kind, row.ack_median, row.ack_p90, row.overdue) == (
        "JP",
        "inquiry",
        2 * 3600.0,
        pytest.approx(7.6 * 3600.0),
        1,
    )


def test_metrics_through_the_api(three_inquiries, jp_cp):
    [row] = Api(jp_cp).get("/metrics", framework="jp-kg").json()
    assert (row["sent"], row["acknowledged"], row["answered"], row["overdue"]) == (3, 3, 0, 1)


def test_the_metrics_page_draws_a_bar_per_figure(three_inquiries, jp_cp):
    page = factories.verified_client(jp_cp).get(reverse("exchange:metrics")).content.decode()
    assert page.count('class="bar ack-') == 2


def test_a_user_of_another_framework_sees_no_metrics_of_the_first(three_inquiries, jp_uz):
    uz = factories.make_user("uz-agency", Role.CONTACT_POINT)
    assert metrics.metrics_for(uz) == []


def test_time_to_answer_percentiles_leave_out_unanswered_ones(three_inquiries, jp_cp):
    for hours, c in zip((4, 8), three_inquiries[:2], strict=True):
        sent = Communication.objects.get(pk=c.pk).sent_at
        Communication.objects.filter(pk=c.pk).update(answered_at=sent + dt.timedelta(hours=hours))
    [row] = metrics.metrics_for(jp_cp)
    assert (row.answered, row.answer_median, row.answer_p90) == (
        2,
        pytest.approx(6 * 3600.0),
        pytest.approx(7.6 * 3600.0),
    )


def test_metrics_take_the_same_queries_for_few_or_many_communications(three_inquiries, jp_cp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    metrics.metrics_for(jp_cp)  # the user's side and frameworks are cached on first use
    with CaptureQueriesContext(connection) as few:
        metrics.metrics_for(jp_cp)
    for n in range(5):
        factories.make_communication(sender=three_inquiries[0].sender_user, subject=f"N {n}")
    with CaptureQueriesContext(connection) as many:
        metrics.metrics_for(jp_cp)
    assert len(many) == len(few) <= 4
