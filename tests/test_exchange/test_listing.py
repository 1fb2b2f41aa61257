"""The rows of the inbox and outbox pages (`exchange/listing.py`) and their filter form,
which are rendered in Python and remembered: what a row and the form show, escaped, in the
reader's language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from sswbridge.exchange import receipts, retraction, services
from tests.helpers import factories

pytestmark = pytest.mark.django_db


def _rows(client, box="inbox", **query):  # type: ignore[no-untyped-def]
    html = client.get(reverse(f"exchange:{box}"), query).content.decode()
    body = html.split('<table data-testid="communications">', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr[ >].*?</tr>", body.split("<tbody>", 1)[1], flags=re.S)


def _row(rows, text):  # type: ignore[no-untyped-def]
    [found] = [r for r in rows if text in r]
    return found


def test_an_inbox_row_links_the_communication_and_shows_its_state(kg_cp, jp_cp):
    unread = factories.make_communication(sender=kg_cp, subject="Row <b>one</b> & more")
    late = factories.make_communication(
        sender=kg_cp, kind="inquiry", subject="Row late", due_date=dt.date(2024, 1, 5)
    )
    receipts.acknowledge(actor=jp_cp, communication=late)
    rows = _rows(factories.verified_client(jp_cp))

    first = _row(rows, "Row &lt;b&gt;one&lt;/b&gt; &amp; more")  # escaped, never markup
    assert first.startswith('<tr class="unread">')
    assert f'href="{reverse("exchange:detail", args=[unread.pk])}"' in first
    assert "General notice" in first and str(kg_cp.agency) in first

    second = _row(rows, "Row late")
    assert not second.startswith('<tr class="unread">')  # acknowledging opened it
    assert '2024-01-05 <span class="badge warn">Overdue</span>' in second
    assert f'href="{reverse("exchange:detail", args=[late.pk])}"' in second


def test_an_answered_inquiry_says_answered_and_a_correction_its_version(kg_cp, jp_cp):
    asked = factories.make_communication(sender=kg_cp, kind="inquiry", subject="Row asked")
    receipts.acknowledge(actor=jp_cp, communication=asked)
    receipts.answer(actor=jp_cp, communication=asked, kind="inquiry_answer", subject="A", body="")
    first = factories.make_communication(sender=kg_cp, subject="Row first")
    services.correct(actor=kg_cp, communication=first, subject="Row corrected")
    rows = _rows(factories.verified_client(jp_cp))
    assert '<span class="badge ok">Answered</span>' in _row(rows, "Row asked")
    assert '<span class="badge">version 2</span>' in _row(rows, "Row corrected")


def test_an_outbox_row_names_the_recipient_and_is_never_unread(kg_cp, jp_cp):
    factories.make_communication(sender=kg_cp, subject="Row sent")
    row = _row(_rows(factories.verified_client(kg_cp), "outbox"), "Row sent")
    assert str(jp_cp.agency) in row and 'class="unread"' not in row


def test_a_retracted_row_shows_the_other_side_only_that_it_was_retracted(kg_cp, jp_cp):
    c = factories.make_communication(sender=kg_cp, subject="Row secret subject")
    retraction.retract(actor=kg_cp, communication=c, reason="sent by mistake")
    jp_rows = _rows(factories.verified_client(jp_cp))
    assert not any("Row secret subject" in r for r in jp_rows)
    assert "Retracted on" in _row(jp_rows, f'href="{reverse("exchange:detail", args=[c.pk])}"')
    assert _row(_rows(factories.verified_client(kg_cp), "outbox"), "Row secret subject")


def test_a_row_is_in_the_readers_language(kg_cp, jp_cp):
    factories.make_communication(sender=kg_cp, kind="inquiry", subject="Row asked")
    client = factories.verified_client(jp_cp)
    english = _row(_rows(client), "Row asked")
    client.cookies["django_language"] = "ja"
    japanese = _row(_rows(client), "Row asked")
    assert "Inquiry" in english and "Inquiry" not in japanese


def _form(client, box="inbox", **query):  # type: ignore[no-untyped-def]
    html = client.get(reverse(f"exchange:{box}"), query).content.decode()
    return html.split('<form method="get" class="filters">', 1)[1].split("</form>", 1)[0]


def test_the_filter_form_keeps_what_was_asked_and_says_what_is_wrong(jp_cp):
    client = factories.verified_client(jp_cp)
    empty = _form(client)
    asked = _form(client, q="Ak-Jol <x>", kind="inquiry", sent_from="not a date")
    assert 'value="Ak-Jol &lt;x&gt;"' in asked and 'value="Ak-Jol' not in empty
    assert '<option value="inquiry" selected>' in asked
    assert "Enter a valid date." in asked and "Enter a valid date." not in empty
    assert _form(client) == empty  # what was asked once is not shown to the next request


def test_the_filter_form_follows_the_language_and_the_box(jp_cp):
    client = factories.verified_client(jp_cp)
    english = _form(client)
    client.cookies["django_language"] = "ja"
    japanese = _form(client)
    assert "All kinds" in english and "All kinds" not in japanese
    client.cookies["django_language"] = "en"
    assert "Drafts" in _form(client, "outbox") and "Drafts" not in _form(client)


def test_a_long_search_is_rendered_without_being_remembered(jp_cp):
    from sswbridge.exchange import forms

    client = factories.verified_client(jp_cp)
    before = forms._filters_html.cache_info().currsize
    long_text = "x" * (forms.FILTER_MEMO_CHARS + 1)
    assert f'value="{long_text[:200]}' in _form(client, q=long_text)
    assert forms._filters_html.cache_info().currsize == before
