"""The inbox and the outbox, with their filters and pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sswbridge.accounts.decorators import staff_required, staff_user
from sswbridge.exchange import listing, selectors, services
from sswbridge.exchange.forms import ListFilterForm
from sswbridge.exchange.models import Communication

PAGE_SIZE = 50
MAX_PAGE = 100_000


@dataclass(frozen=True)
class BoxPage:
    """One page of a list, without counting the whole list (a count of a large inbox costs
    more than the page itself): one row more than the page tells whether a next one exists."""

    rows: list[Communication]
    number: int
    has_next: bool

    @classmethod
    def of(cls, items: QuerySet[Communication], wanted: str | None, size: int) -> BoxPage:
        try:
            number = min(max(int(wanted or 1), 1), MAX_PAGE)
        except ValueError:
            number = 1
        start = (number - 1) * size
        rows = list(items[start : start + size + 1])
        return cls(rows=rows[:size], number=number, has_next=len(rows) > size)

    def __iter__(self) -> Iterator[Communication]:
        return iter(self.rows)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _box(request: HttpRequest, box: str) -> HttpResponse:
    form = ListFilterForm(request.GET or None, box=box)
    filters = selectors.ListFilter()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.ListFilter(
            folder=form.folder_value(),
            kind=data.get("kind") or "",
            sent_from=data.get("sent_from"),
            sent_to=data.get("sent_to"),
            q=data.get("q") or "",
        )
    items = listing.for_list(selectors.box_for(staff_user(request), box, filters))
    page = BoxPage.of(items, request.GET.get("page"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "exchange/box.html",
        {
            "box": box,
            "form": form,
            "folder": filters.folder,
            "folders": selectors.FOLDER_LABELS[selectors.Box(box)].items(),
            "page": page,
            "rows": listing.rows(staff_user(request), box, page.rows),
            "query": query.urlencode(),
            "may_send": services.may_send(staff_user(request)),
        },
    )


@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    return _box(request, selectors.Box.INBOX)


@staff_required
def outbox(request: HttpRequest) -> HttpResponse:
    return _box(request, selectors.Box.OUTBOX)
