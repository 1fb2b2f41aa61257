"""The rows of the inbox and outbox pages, rendered in Python.

A list page shows up to a hundred communications. Each row's link, subject (as the reader
may see it, `redaction.subject_for`), kind, other party, times and answer state are worked
out here and the row is written with `format_html` (every value escaped), because the
template language costs about ten times more per row: a variable lookup, an escape and a
render call for each cell, and a `{% url %}` per link. `box.html` prints the rows as they
come.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.exchange import redaction, selectors
from sswbridge.exchange.models import Communication

NONE = "—"

LIST_RELATED = ("originator_side", "originator_agency", "recipient_agency")
"""What a row shows of the related records (`selectors.attach_related`: one query for the
sides, one for the agencies)."""

LIST_FIELDS = (
    *LIST_RELATED,
    "version",
    "kind",
    "subject",
    "status",
    "sent_at",
    "delivered_at",
    "first_opened_at",
    "acknowledged_at",
    "due_date",
    "answered_at",
    "retracted_at",
)
"""The columns a row reads (`rows` must read no other: each would cost a query per row)."""


def for_list(items: QuerySet[Communication]) -> QuerySet[Communication]:
    """`items` with only what `rows` reads."""
    return items.only(*LIST_FIELDS)


def stamp(value: dt.datetime | dt.date | None) -> str:
    """ "YYYY-MM-DD HH:MM" in the current time zone, "YYYY-MM-DD" for a date, "—" for none."""
    if value is None:
        return NONE
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value.strftime("%Y-%m-%d")


def _url_maker() -> Any:
    """`reverse("exchange:detail", args=[pk])` for many pks at the cost of one `reverse`."""
    marker = UUID(int=0)
    template = reverse("exchange:detail", args=[marker])
    head, _sep, tail = template.partition(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


ROW = (
    '<tr{}><td><a href="{}">{}</a>{}</td><td>{}</td><td>{}</td>'
    "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"
)


def _answer_cell(c: Communication, today: dt.date) -> str:
    if c.answered_at is not None:
        return format_html('<span class="badge ok">{}</span>', _("Answered"))
    if c.due_date is None:
        return NONE
    if c.is_overdue(today):
        return format_html('{} <span class="badge warn">{}</span>', stamp(c.due_date), _("Overdue"))
    return format_html("{}", stamp(c.due_date))


def _version(c: Communication) -> str:
    if c.version <= 1:
        return ""
    label = _("version %(version)s") % {"version": c.version}
    return format_html(' <span class="badge">{}</span>', label)


def rows(user: User, box: str, communications: Iterable[Communication]) -> list[SafeString]:
    """One `<tr>` per communication, in order, with what a list row shows."""
    url = _url_maker()
    today = timezone.localdate()
    inbox = box == "inbox"
    made = []
    for c in selectors.attach_related(list(communications), LIST_RELATED):
        party = c.originator_agency if inbox else c.recipient_agency
        made.append(
            format_html(
                ROW,
                format_html(' class="{}"', "unread") if inbox and c.first_opened_at is None else "",
                url(c.pk),
                redaction.subject_for(user, c),
                _version(c),
                c.kind_label,
                str(party) if party is not None else NONE,
                stamp(c.sent_at),
                stamp(c.delivered_at),
                stamp(c.first_opened_at),
                stamp(c.acknowledged_at),
                _answer_cell(c, today),
            )
        )
    return made
