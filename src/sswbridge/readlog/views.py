"""The read log page: who of the other side read the user's side's items."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sswbridge.accounts.decorators import staff_required
from sswbridge.readlog import selectors
from sswbridge.readlog.forms import ReadFilterForm

PAGE_SIZE = 100


@staff_required
def read_list(request: HttpRequest) -> HttpResponse:
    form = ReadFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else selectors.ReadFilter()
    reads = list(selectors.filtered(request.user, filters)[:PAGE_SIZE])
    return render(request, "readlog/read_list.html", {"form": form, "reads": reads})
